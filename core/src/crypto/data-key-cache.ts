import { forgetSecretKeyObject } from './secret-key-object.ts';

/**
 * Unwrapped data keys kept in memory so a busy subject's key is not unwrapped per
 * message. Bounded (LRU), and erasure must call `evict` so a destroyed key cannot
 * outlive its row here.
 */
export class DataKeyCache {
  readonly #max: number;
  readonly #keys = new Map<string, Uint8Array>();

  constructor(max = 10_000) {
    this.#max = max;
  }

  get(subjectId: string): Uint8Array | undefined {
    const k = this.#keys.get(subjectId);
    if (k) {
      this.#keys.delete(subjectId);
      this.#keys.set(subjectId, k);
    }
    return k;
  }

  set(subjectId: string, key: Uint8Array): void {
    this.#keys.delete(subjectId);
    this.#keys.set(subjectId, key);
    if (this.#keys.size > this.#max) {
      const oldest = this.#keys.keys().next().value as string;
      this.#drop(oldest);
    }
  }

  evict(subjectId: string): void {
    this.#drop(subjectId);
  }

  clear(): void {
    for (const id of [...this.#keys.keys()]) this.#drop(id);
  }

  #drop(subjectId: string): void {
    const k = this.#keys.get(subjectId);
    if (k) {
      forgetSecretKeyObject(k);
      k.fill(0);
    }
    this.#keys.delete(subjectId);
  }
}
