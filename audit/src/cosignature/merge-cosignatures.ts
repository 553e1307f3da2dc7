import { parseNote } from '../note/parse-note.ts';

/**
 * A checkpoint note with new signature lines merged in: one line per signing
 * key (name + key ID). A witness that cosigns the same checkpoint again (the
 * log did not grow between witnessing rounds) gives a new line only because
 * its timestamp moved; that newer line replaces its older one in place, so the
 * note keeps one cosignature per witness instead of growing every round until
 * it passes the signature limit of `parseNote`. Lines are validated by
 * `parseNote` (BAD_INPUT on a malformed one).
 *
 * @example
 * mergeCosignatures(stored.note, [response.cosignature]); // same note, the witness's line replaced or appended
 */
export function mergeCosignatures(note: string, lines: readonly string[]): string {
  const current = parseNote(note);
  const incoming = lines.length === 0 ? [] : parseNote(`${current.text}\n${lines.map((l) => l.replace(/\n$/, '')).join('\n')}\n`).signatures;
  const keyOf = (s: { name: string; keyId: Uint8Array }) => `${s.name}\u0000${Buffer.from(s.keyId).toString('hex')}`;
  const latest = new Map(incoming.map((s) => [keyOf(s), s.line]));
  const merged = current.signatures.map((s) => {
    const line = latest.get(keyOf(s)) ?? s.line;
    latest.delete(keyOf(s));
    return line;
  });
  merged.push(...latest.values());
  const result = `${current.text}\n${merged.map((l) => `${l}\n`).join('')}`;
  parseNote(result);
  return result;
}
