/**
 * Counts rows dropped during cleaning, by reason, so every loader can report
 * what it discarded instead of silently shrinking a dataset.
 *
 * @example
 * const drops = dropCounter();
 * drops.add('empty text');
 * drops.counts; // { 'empty text': 1 }
 */
export function dropCounter(): { add(reason: string, n?: number): void; readonly counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  return {
    add(reason, n = 1) {
      counts[reason] = (counts[reason] ?? 0) + n;
    },
    counts,
  };
}
