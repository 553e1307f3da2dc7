import { z } from 'zod';
import type { Ledger } from '@meridian/audit/ledger/ledger.ts';
import { parseNote } from '@meridian/audit/note/parse-note.ts';

export const ledgerCheckpointsInputSchema = z.strictObject({
  limit: z.number().int().min(1).max(100).default(20),
  /** Only checkpoints of at most this tree size (page backwards with the smallest size seen, minus one). */
  atMostSize: z.number().int().min(0).optional(),
});

/**
 * The node's signed checkpoints, newest first, each with its C2SP signed note
 * (checkable offline) and who signed it: the log itself, then the witnesses
 * that cosigned it. An auditor compares these with what the witnesses saw.
 *
 * @example
 * const { checkpoints } = await ledgerCheckpoints(node.ledger, { limit: 10 });
 */
export async function ledgerCheckpoints(ledger: Ledger, input: z.input<typeof ledgerCheckpointsInputSchema>) {
  const { limit, atMostSize } = ledgerCheckpointsInputSchema.parse(input);
  const size = await ledger.size();
  const upTo = Math.min(size, atMostSize ?? size);
  const all = await ledger.checkpoints(0, upTo);
  const page = all.slice(-limit).reverse();
  return {
    origin: ledger.origin,
    treeSize: size,
    checkpoints: page.map((c) => {
      const signers = parseNote(c.note).signatures.map((s) => s.name);
      return {
        size: c.checkpoint.size,
        rootHash: Buffer.from(c.checkpoint.rootHash).toString('base64'),
        signedBy: signers[0] ?? null,
        cosignedBy: signers.slice(1),
        note: c.note,
      };
    }),
    more: all.length > limit,
  };
}
