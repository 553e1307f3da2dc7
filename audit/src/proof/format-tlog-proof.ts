import type { TlogProof } from './tlog-proof.ts';

/**
 * Serialises a proof in the C2SP tlog-proof@v1 text format (file extension
 * `.tlog-proof`).
 *
 * @example
 * formatTlogProof({ index: 7, hashes: proof.hashes, checkpointNote: signed.note });
 */
export function formatTlogProof(p: TlogProof): string {
  const lines = ['c2sp.org/tlog-proof@v1'];
  if (p.extra) lines.push(`extra ${Buffer.from(p.extra).toString('base64')}`);
  lines.push(`index ${p.index}`);
  for (const h of p.hashes) lines.push(Buffer.from(h).toString('base64'));
  return `${lines.join('\n')}\n\n${p.checkpointNote}`;
}
