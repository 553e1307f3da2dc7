import { createSecretKey, type KeyObject } from 'node:crypto';

// Node turns raw key bytes into a KeyObject on every cipher/HMAC call, which
// dominated ingest CPU time; each key's KeyObject is made once instead. Weakly
// held: when the key bytes become unreachable (evicted, erased), so does this.
const objects = new WeakMap<Uint8Array, KeyObject>();

/** The KeyObject for a key's bytes, created once per key. */
export function secretKeyObject(key: Uint8Array): KeyObject {
  let k = objects.get(key);
  if (!k) objects.set(key, (k = createSecretKey(key)));
  return k;
}

/** Drops a key's KeyObject now (erasure should not wait for the garbage collector). */
export function forgetSecretKeyObject(key: Uint8Array): void {
  objects.delete(key);
}
