import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { TlogProof } from './tlog-proof.ts';
import { strictBase64 } from '../note/strict-base64.ts';

/**
 * Parses a C2SP tlog-proof@v1 text. The checkpoint part is returned verbatim;
 * verifying it is the caller's job.
 *
 * @example
 * const { index, hashes, checkpointNote } = parseTlogProof(text);
 */
export function parseTlogProof(text: string): TlogProof {
  const bad = (why: string): never => {
    throw new MeridianError('BAD_INPUT', `tlog-proof: ${why}`);
  };
  const split = text.indexOf('\n\n');
  if (split < 0) bad('no blank line before the checkpoint');
  const lines = text.slice(0, split).split('\n');
  if (lines.shift() !== 'c2sp.org/tlog-proof@v1') bad('first line must be c2sp.org/tlog-proof@v1');
  let extra: Uint8Array | undefined;
  if (lines[0]?.startsWith('extra ')) {
    // Unauthenticated and opaque, so only the alphabet is checked: the
    // specification's own example carries non-zero padding bits.
    const text = lines.shift()!.slice(6);
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) bad('extra is not base64');
    extra = Buffer.from(text, 'base64');
  }
  const m = /^index (0|[1-9][0-9]{0,15})$/.exec(lines.shift() ?? '');
  if (!m || !Number.isSafeInteger(Number(m[1]))) return bad('missing or malformed index line');
  const hashes = lines.map((l) => {
    const h = strictBase64(l);
    return h && h.length === 32 ? h : bad('proof lines must be base64 of 32-byte hashes');
  });
  return { index: Number(m[1]), hashes, checkpointNote: text.slice(split + 2), ...(extra ? { extra } : {}) };
}
