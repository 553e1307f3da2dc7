import { error, type RequestHandler } from '@sveltejs/kit';
import { z } from 'zod';
import { requireRegion } from '#lib/server/require-ability.ts';
import { nodeAs } from '#lib/server/node-as.ts';
import { must } from '#lib/server/region-call.ts';

/** An evidence bundle about one id (request, round, message) from a region's ledger, as a download. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
  const region = requireRegion(locals, 'download', 'EvidenceBundle', params.region!);
  const refId = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/).safeParse(url.searchParams.get('refId'));
  if (!refId.success) error(400, { message: 'Give an id of 1-128 letters, digits or . _ : -', code: 'BAD_INPUT' });
  const bundle = await must(() => nodeAs(locals, region).console.ledger.evidence.query({ refId: refId.data }));
  return new Response(JSON.stringify(bundle, null, 2), {
    headers: { 'content-type': 'application/json', 'content-disposition': `attachment; filename="evidence-${region}-${refId.data.replaceAll(':', '_')}.json"`, 'cache-control': 'no-store' },
  });
};
