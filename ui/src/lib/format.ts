/**
 * A duration in words from milliseconds, signed: "3 d 4 h", "-2 h 5 min" when past.
 *
 * @example
 * formatDuration(26 * 3600_000); // '1 d 2 h'
 */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  if (d > 0) return `${sign}${d} d ${h} h`;
  if (h > 0) return `${sign}${h} h ${m} min`;
  return `${sign}${m} min ${s - m * 60} s`;
}

/**
 * A date and time in UTC, to the minute: "2026-11-20 10:00 UTC".
 *
 * @example
 * formatTime('2026-11-20T10:00:31Z'); // '2026-11-20 10:00 UTC'
 */
export function formatTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const d = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(d.getTime()) ? '—' : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * A share as a percentage with no decimals: 0.4321 → "43%".
 *
 * @example
 * formatShare(0.4321); // '43%'
 */
export function formatShare(x: number): string {
  return `${Math.round(100 * x)}%`;
}
