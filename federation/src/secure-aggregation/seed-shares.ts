import { combine, split } from 'shamir-secret-sharing';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';

/**
 * Shamir secret sharing of mask seeds and mask keys, through the audited
 * `shamir-secret-sharing` package (GF(2^8), one share = the secret's bytes
 * plus a trailing x-coordinate). This wrapper only adds the checks that the
 * package leaves to its caller and that matter here: share counts, equal
 * lengths, distinct x-coordinates. `combine` cannot tell a wrong share from a
 * right one, so callers verify what they reconstruct (a commitment or a
 * public key).
 *
 * @example
 * const shares = await seedShares.split(seed, 3, 2);
 * await seedShares.combine([shares[0]!, shares[2]!]); // seed
 */
export const seedShares = Object.freeze({
  async split(secret: Uint8Array, shares: number, threshold: number): Promise<Uint8Array[]> {
    if (!Number.isInteger(threshold) || threshold < 2 || !Number.isInteger(shares) || shares < threshold || shares > 255) {
      throw new MeridianError('BAD_INPUT', 'Shamir sharing needs 2 ≤ threshold ≤ shares ≤ 255', { reason: 'bad_threshold', shares, threshold });
    }
    return split(secret, shares, threshold);
  },
  async combine(shares: readonly Uint8Array[], threshold: number): Promise<Uint8Array> {
    if (shares.length < Math.max(2, threshold)) throw new MeridianError('UNAVAILABLE', 'too few shares to reconstruct', { reason: 'too_few_shares', shares: shares.length, threshold });
    const length = shares[0]?.length ?? 0;
    if (length < 2 || shares.some((s) => s.length !== length)) throw new MeridianError('BAD_INPUT', 'shares differ in length', { reason: 'bad_share' });
    if (new Set(shares.map((s) => s[length - 1])).size !== shares.length) throw new MeridianError('BAD_INPUT', 'two shares have the same x-coordinate', { reason: 'duplicate_share' });
    return combine([...shares]);
  },
});
