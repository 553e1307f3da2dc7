import { MeridianError } from '../errors/meridian-error.ts';

/**
 * Nonces of assertions already accepted, kept until their assertion expires,
 * so a captured assertion cannot be replayed. In process memory: with several
 * processes behind one load balancer, each refuses replays it saw itself.
 *
 * @example
 * const seen = new NonceCache();
 * seen.claim('k2Jq…', expiresAtMs, Date.now()); // true the first time, false after
 */
export class NonceCache {
  readonly #until = new Map<string, number>();
  readonly #max: number;
  #claims = 0;

  constructor(maxEntries = 100_000) {
    this.#max = maxEntries;
  }

  /** Records `nonce` until `expiresAt`; false when it was already recorded and has not expired. */
  claim(nonce: string, expiresAt: number, now: number): boolean {
    const until = this.#until.get(nonce);
    if (until !== undefined && until >= now) return false;
    // Expired nonces are dropped every so often, and whenever the cache is full.
    if (++this.#claims % 1024 === 0 || this.#until.size >= this.#max) this.#prune(now);
    if (this.#until.size >= this.#max) throw new MeridianError('RATE_LIMITED', 'too many console assertions in flight');
    this.#until.set(nonce, expiresAt);
    return true;
  }

  get size(): number {
    return this.#until.size;
  }

  #prune(now: number): void {
    for (const [n, until] of this.#until) if (until < now) this.#until.delete(n);
  }
}
