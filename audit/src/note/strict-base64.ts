/**
 * Decodes standard padded base64, refusing anything Node's lenient decoder
 * would quietly accept (stray characters, non-zero padding bits): a flipped
 * byte must never decode to the same bytes.
 *
 * @example
 * strictBase64('AAEC'); // Uint8Array [0, 1, 2]
 * strictBase64('AAE!'); // undefined
 */
export function strictBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}
