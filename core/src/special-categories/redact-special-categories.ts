import { MeridianError } from '../errors/meridian-error.ts';
import type { SpecialCategoryDetection } from './detect-special-categories.ts';
import { redactionMarker } from './redaction-marker.ts';
import { SPECIAL_CATEGORIES, type SpecialCategory } from './special-category.ts';
import { splitSentences } from './split-sentences.ts';

/**
 * - `sentence`: every sentence (see {@link splitSentences}) that overlaps a
 *   match becomes `[redacted: <categories>]`; neighbouring redacted sentences
 *   share one marker, so the number of removed sentences does not show.
 * - `message`: the whole text becomes `[redacted: <categories>]`.
 */
export type RedactionMode = 'sentence' | 'message';

function ordered(categories: Iterable<SpecialCategory>): SpecialCategory[] {
  const set = new Set(categories);
  return SPECIAL_CATEGORIES.filter((c) => set.has(c));
}

/**
 * Removes what {@link detectSpecialCategories} found. Text without a match is
 * returned unchanged in both modes. The detection must come from this same
 * text; a span outside it is refused with `BAD_INPUT` (never a partial
 * redaction).
 *
 * @example
 * const text = 'Card blocked. I am in hospital after surgery. Please help.';
 * redactSpecialCategories(text, detectSpecialCategories(text), 'sentence');
 * // 'Card blocked. [redacted: user.health] Please help.'
 * redactSpecialCategories(text, detectSpecialCategories(text), 'message');
 * // '[redacted: user.health]'
 */
export function redactSpecialCategories(text: string, detection: SpecialCategoryDetection, mode: RedactionMode): string {
  for (const s of detection.spans) {
    if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start < s.end && s.end <= text.length)) {
      throw new MeridianError('BAD_INPUT', 'detection span lies outside the text', { start: s.start, end: s.end, textLength: text.length });
    }
  }
  if (detection.spans.length === 0) return text;
  if (mode === 'message') return redactionMarker(ordered(detection.spans.map((s) => s.category)));

  const sentences = splitSentences(text).map((r) => ({ ...r, categories: new Set<SpecialCategory>() }));
  for (const span of detection.spans) {
    for (const s of sentences) if (s.start < span.end && span.start < s.end) s.categories.add(span.category);
  }
  let out = '';
  let cursor = 0;
  for (let i = 0; i < sentences.length; i++) {
    const first = sentences[i]!;
    if (first.categories.size === 0) continue;
    // Merge the following flagged sentences separated only by whitespace.
    const categories = new Set(first.categories);
    let last = first;
    while (i + 1 < sentences.length && sentences[i + 1]!.categories.size > 0 && text.slice(last.end, sentences[i + 1]!.start).trim() === '') {
      last = sentences[++i]!;
      for (const c of last.categories) categories.add(c);
    }
    out += text.slice(cursor, first.start) + redactionMarker(ordered(categories));
    cursor = last.end;
  }
  return out + text.slice(cursor);
}
