/**
 * The PRG labels of one round: what domain-separates every mask stream. Both
 * ends of a pair derive the same label (the pair is ordered), and the
 * federation and round are in every label, so masks never repeat across rounds.
 *
 * @example
 * const labels = maskLabels('intent', 3);
 * labels.pair('sea', 'eu') === labels.pair('eu', 'sea'); // true
 */
export function maskLabels(federation: string, round: number): { self(region: string): string; pair(a: string, b: string): string } {
  const base = `meridian/secagg/v1|${federation}|${round}`;
  return {
    self: (region) => `${base}|self|${region}`,
    pair: (a, b) => (a < b ? `${base}|pair|${a}|${b}` : `${base}|pair|${b}|${a}`),
  };
}
