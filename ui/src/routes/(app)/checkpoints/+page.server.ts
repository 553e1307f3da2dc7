import { requireRegions } from '#lib/server/require-ability.ts';
import { nodeAs } from '#lib/server/node-as.ts';
import { settle } from '#lib/server/region-call.ts';
import type { PageServerLoad } from './$types';

/** Each region's latest signed checkpoints with the witnesses that cosigned them. */
export const load: PageServerLoad = async ({ locals }) => {
  const { regions } = requireRegions(locals, 'read', 'LedgerCheckpoint');
  const logs = await Promise.all(
    regions.map(async (region) => {
      const r = await settle(() => nodeAs(locals, region).console.ledger.checkpoints.query({ limit: 10 }));
      return { region, log: r.ok ? r.value : null, failure: r.ok ? null : r.failure.message };
    }),
  );
  return { logs };
};
