/**
 * Which canary values occur in captured bytes, in any of the forms a careless
 * encoder could give them: raw UTF-8, URL-encoded (tRPC GET inputs), JSON
 * escaped, UTF-16LE, hex, and base64 at each of the three byte alignments.
 */
export function findCanaries(captured: Uint8Array, canaries: readonly string[]): string[] {
  const haystack = Buffer.from(captured.buffer, captured.byteOffset, captured.byteLength);
  const forms = (c: string): Buffer[] => {
    const raw = Buffer.from(c, 'utf8');
    const out = [raw, Buffer.from(encodeURIComponent(c)), Buffer.from(JSON.stringify(c).slice(1, -1)), Buffer.from(c, 'utf16le'), Buffer.from(raw.toString('hex'))];
    for (let shift = 0; shift < 3; shift++) {
      // The base64 of the canary preceded by `shift` bytes, minus the characters those bytes and the tail padding affect.
      const b64 = Buffer.concat([Buffer.alloc(shift), raw]).toString('base64');
      const start = Math.ceil((shift * 4) / 3) + (shift === 0 ? 0 : 1);
      const end = b64.length - 4;
      if (end - start >= 8) out.push(Buffer.from(b64.slice(start, end)));
    }
    return out;
  };
  return canaries.filter((c) => forms(c).some((f) => haystack.includes(f)));
}
