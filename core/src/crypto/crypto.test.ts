import { describe, it, expect } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sealField, openField } from './field-cipher.ts';
import { blindIndex } from './blind-index.ts';
import { newDataKey, wrapDataKey, unwrapDataKey } from './data-key.ts';
import { keyringFromFile, loadRegionKeyring, newKeyringFile, kekId } from './region-keyring.ts';
import { DataKeyCache } from './data-key-cache.ts';

const key = () => new Uint8Array(randomBytes(32));

describe('field cipher', () => {
  it('round-trips and is randomised', () => {
    const k = key();
    const a = sealField(k, 'héllo ไทย مرحبا', 'aad');
    const b = sealField(k, 'héllo ไทย مرحبا', 'aad');
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(openField(k, a, 'aad')).toBe('héllo ไทย مرحبا');
  });
  it('refuses a ciphertext moved to another row (AAD), under another key, or with a flipped bit', () => {
    const k = key();
    const ct = sealField(k, 'secret', 'messages.body_ct:s1:m1');
    expect(() => openField(k, ct, 'messages.body_ct:s2:m1')).toThrow(/authentication/);
    expect(() => openField(key(), ct, 'messages.body_ct:s1:m1')).toThrow(/authentication/);
    for (let i = 1; i < ct.length; i++) {
      const bad = Uint8Array.from(ct);
      bad[i]! ^= 1;
      expect(() => openField(k, bad, 'messages.body_ct:s1:m1')).toThrow();
    }
  });
});

describe('blind index', () => {
  it('normalises e-mail case/space and phone formatting, and separates kinds', () => {
    const k = key();
    const eq = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
    expect(eq(blindIndex(k, 'email', ' Ana@Example.ORG '), blindIndex(k, 'email', 'ana@example.org'))).toBe(true);
    expect(eq(blindIndex(k, 'phone', '+49 (30) 555-0100'), blindIndex(k, 'phone', '+4930 5550100'))).toBe(true);
    expect(eq(blindIndex(k, 'phone', '0049 30 5550100'), blindIndex(k, 'phone', '+49305550100'))).toBe(true);
    expect(eq(blindIndex(k, 'email', 'x@example.org'), blindIndex(k, 'external_ref', 'x@example.org'))).toBe(false);
    expect(eq(blindIndex(k, 'email', 'x@example.org'), blindIndex(key(), 'email', 'x@example.org'))).toBe(false);
  });
});

describe('data keys and keyring', () => {
  it('wraps a data key under the current KEK, bound to its subject', () => {
    const ring = keyringFromFile(newKeyringFile());
    const dek = newDataKey();
    const w = wrapDataKey(ring, 'subject-1', dek);
    expect(w.kekId).toBe(ring.current);
    expect(Buffer.from(unwrapDataKey(ring, 'subject-1', w)).equals(Buffer.from(dek))).toBe(true);
    expect(() => unwrapDataKey(ring, 'subject-2', w)).toThrow();
  });

  it('rotates: a keyring with a new current KEK still unwraps keys wrapped by the old one', () => {
    const old = newKeyringFile();
    const dek = newDataKey();
    const w = wrapDataKey(keyringFromFile(old), 's', dek);
    const fresh = newKeyringFile();
    const rotated = keyringFromFile({ current: fresh.current, keks: [...fresh.keks, ...old.keks], blindIndexKey: old.blindIndexKey });
    expect(Buffer.from(unwrapDataKey(rotated, 's', w)).equals(Buffer.from(dek))).toBe(true);
    expect(wrapDataKey(rotated, 's', dek).kekId).toBe(fresh.current);
  });

  it('refuses a keyring whose KEK id does not match its key', () => {
    const f = newKeyringFile();
    f.keks[0]!.key = randomBytes(32).toString('base64');
    expect(() => keyringFromFile(f)).toThrow(/does not match/);
  });

  it('creates the embedded default keyring with mode 0600 and reuses it; env keys take precedence', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kr-'));
    const file = join(dir, 'k', 'keyring.json');
    const a = loadRegionKeyring({}, file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadRegionKeyring({}, file).keyring.current).toBe(a.keyring.current);
    const kek = randomBytes(32);
    const env = { MERIDIAN_KEK: kek.toString('base64'), MERIDIAN_BLIND_INDEX_KEY: randomBytes(32).toString('base64') };
    expect(loadRegionKeyring(env, file).keyring.current).toBe(kekId(kek));
    writeFileSync(join(dir, 'bad.json'), '{}');
    expect(() => loadRegionKeyring({ MERIDIAN_KEYRING_FILE: join(dir, 'bad.json') })).toThrow();
  });

  it('cache evicts and zeroes a key', () => {
    const c = new DataKeyCache(2);
    const k1 = newDataKey();
    c.set('a', k1);
    c.set('b', newDataKey());
    c.set('c', newDataKey());
    expect(c.get('a')).toBeUndefined();
    expect(k1.every((b) => b === 0)).toBe(true);
    c.evict('b');
    expect(c.get('b')).toBeUndefined();
  });
});
