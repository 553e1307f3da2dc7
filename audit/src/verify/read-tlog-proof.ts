import { verifierPrimitives as p } from './verifier-primitives.ts';

/** A C2SP tlog-proof as the verifier reads it. */
export interface ReadTlogProof {
  index: number;
  hashes: Uint8Array[];
  checkpointNote: string;
}

/**
 * Reads a `c2sp.org/tlog-proof@v1` text, or says why it cannot.
 *
 * @example
 * const proof = readTlogProof(entry.proof);
 */
export function readTlogProof(text: string): ReadTlogProof | { problem: string } {
  const split = text.indexOf('\n\n');
  if (split < 0) return { problem: 'the proof has no checkpoint section' };
  const lines = text.slice(0, split).split('\n');
  if (lines.shift() !== 'c2sp.org/tlog-proof@v1') return { problem: 'the proof is not in the c2sp.org/tlog-proof@v1 format' };
  if (lines[0]?.startsWith('extra ')) {
    // Unauthenticated and opaque: only its alphabet matters.
    const extra = lines.shift()!.slice(6);
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(extra) || extra.length % 4 !== 0) return { problem: 'the proof’s extra data is malformed' };
  }
  const m = /^index (0|[1-9][0-9]{0,15})$/.exec(lines.shift() ?? '');
  if (!m) return { problem: 'the proof has no valid index line' };
  const hashes: Uint8Array[] = [];
  for (const l of lines) {
    const h = p.base64(l);
    if (!h || h.length !== 32) return { problem: 'a hash in the proof is malformed' };
    hashes.push(h);
  }
  return { index: Number(m[1]), hashes, checkpointNote: text.slice(split + 2) };
}
