/**
 * What a region id looks like in a certificate: a short lowercase slug such
 * as `eu`, `sea` or `me`. Which regions exist is configuration (the region
 * profiles); this only keeps ids printable, comparable byte for byte and
 * safe to put in headers, logs and evidence.
 *
 * @example
 * isRegionId('sea') // true
 * isRegionId('EU ') // false
 */
export function isRegionId(value: unknown): value is string {
  return typeof value === 'string' && /^[a-z][a-z0-9-]{0,31}$/.test(value);
}
