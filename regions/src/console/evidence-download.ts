import { z } from 'zod';
import type { Ledger } from '@meridian/audit/ledger/ledger.ts';
import { buildEvidenceBundle } from '@meridian/audit/bundle/build-evidence-bundle.ts';
import type { EvidenceBundle } from '@meridian/audit/bundle/evidence-bundle.ts';
import type { RegionNode } from '../node/region-node.ts';

export const evidenceInputSchema = z.union([
  /** Everything recorded about a request, round or message id. */
  z.strictObject({ refId: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/) }),
  z.strictObject({ indexes: z.array(z.number().int().min(0)).min(1).max(1_000) }),
]);

/**
 * An evidence bundle for `meridian verify`: the selected ledger entries with
 * inclusion proofs into a freshly signed checkpoint, and a consistency proof
 * from the checkpoint that first covered them. Leaves hold commitments and
 * non-personal metadata only.
 *
 * @example
 * const bundle = await downloadEvidence(node, node.ledger, { refId: requestId });
 */
export async function downloadEvidence(node: RegionNode, ledger: Ledger, input: z.infer<typeof evidenceInputSchema>): Promise<EvidenceBundle> {
  await ledger.checkpoint();
  const about = 'refId' in input ? `everything recorded about ${input.refId} in region ${node.region}` : `ledger entries ${input.indexes.length} of region ${node.region}`;
  return buildEvidenceBundle(ledger, input, { about, now: node.now() });
}
