/**
 * Matches a placeholder written by `redactSpecialCategories`, e.g.
 * `[redacted: user.health]`. Detection skips these, so redaction is
 * idempotent and the category names inside the marker ("religious") are
 * never mistaken for content.
 *
 * @example
 * '[redacted: user.health] Please refund.'.replace(REDACTION_MARKER, ''); // ' Please refund.'
 */
export const REDACTION_MARKER = /\[redacted: [a-z_.]+(?:, [a-z_.]+)*\]/g;

/** @example redactionMarker(['user.health']) // '[redacted: user.health]' */
export function redactionMarker(categories: readonly string[]): string {
  return `[redacted: ${categories.join(', ')}]`;
}
