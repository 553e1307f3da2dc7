import type { RoundRecord } from './round-record.ts';

/**
 * The one byte form of a round record that ledger commitments bind: JSON
 * with every object's keys sorted and the time in ISO-8601. Recomputing it
 * from the round table and the salt must reproduce the leaf's commitment.
 *
 * @example
 * const payload = new TextEncoder().encode(canonicalRoundRecord(record));
 */
export function canonicalRoundRecord(record: RoundRecord): string {
  return JSON.stringify({ ...record, time: record.time.toISOString() }, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}
