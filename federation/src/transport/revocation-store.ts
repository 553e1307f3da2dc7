import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { verifyRevocationList, type VerifiedRevocationList } from '@meridian/core/pki/index.ts';

/**
 * A node's copy of the federation's current revocation list. Servers and
 * agents read `current()` on every request / handshake, so an `update` takes
 * effect on the very next one; subscribers (the mTLS server) also drop live
 * connections of newly revoked peers.
 */
export interface RevocationStore {
  current(): VerifiedRevocationList;
  /**
   * Verifies and installs a newer list. Throws `MeridianError`: `BAD_INPUT` /
   * `UNAUTHENTICATED` from `verifyRevocationList`, and `CONFLICT` when the list
   * is older than the current one (`rollback`), differs from it under the same
   * number (`equivocation`), or drops a revoked serial (`unrevocation`).
   * Installing the current list again is a no-op.
   */
  update(list: unknown): VerifiedRevocationList;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: (list: VerifiedRevocationList) => void): () => void;
}

/**
 * Creates a store seeded with a list that must verify against `caPem`.
 *
 * @example
 * const revocation = createRevocationStore(caPem, JSON.parse(await readFile('crl.json', 'utf8')));
 * // later, when the coordinator publishes a new list:
 * revocation.update(newList);
 */
export function createRevocationStore(caPem: string, initial: unknown): RevocationStore {
  let current = verifyRevocationList(initial, caPem);
  const listeners = new Set<(list: VerifiedRevocationList) => void>();
  return {
    current: () => current,
    update(list) {
      const next = verifyRevocationList(list, caPem);
      const evidence = { currentNumber: current.number, offeredNumber: next.number };
      if (next.number < current.number) {
        throw new MeridianError('CONFLICT', 'revocation list is older than the one in force', { ...evidence, reason: 'rollback' });
      }
      if (next.number === current.number) {
        if (next.signature === current.signature) return current;
        // Both verify, so the CA signed two different lists with one number: never pick one silently.
        throw new MeridianError('CONFLICT', 'two different revocation lists carry the same number', { ...evidence, reason: 'equivocation' });
      }
      const kept = new Set(next.revoked.map((entry) => entry.serial));
      const dropped = current.revoked.filter((entry) => !kept.has(entry.serial)).map((entry) => entry.serial);
      if (dropped.length > 0) {
        // Revocation is permanent (there is no certificateHold reason), so a list that forgets one is wrong.
        throw new MeridianError('CONFLICT', 'revocation list drops revoked certificates', { ...evidence, reason: 'unrevocation', dropped });
      }
      current = next;
      for (const listener of listeners) listener(next);
      return next;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
