/**
 * The default Shamir threshold for n invited parties: a strict majority,
 * ⌊n/2⌋ + 1, and never below 2. With a majority, a coordinator that tells
 * different survivors different stories (equivocation) still cannot collect
 * t shares of both secrets of one honest party, and a single party never
 * holds enough shares to reconstruct anyone's seed on its own.
 *
 * @example
 * secaggThreshold(3); // 2
 */
export function secaggThreshold(parties: number): number {
  return Math.max(2, Math.floor(parties / 2) + 1);
}
