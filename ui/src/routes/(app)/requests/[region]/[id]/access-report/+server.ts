import { error, type RequestHandler } from '@sveltejs/kit';
import { z } from 'zod';
import { requireRegion } from '#lib/server/require-ability.ts';
import { nodeAs } from '#lib/server/node-as.ts';
import { must } from '#lib/server/region-call.ts';

/**
 * The access report of a completed access request, for the DPO to deliver to
 * the subject. It holds their personal data, so it is a POST (never fetched by
 * a prefetch or a crawler), the node records the disclosure on its ledger
 * before it answers, and it is never cached.
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
  const region = requireRegion(locals, 'read', 'RightsRequest', params.region!);
  if (!z.uuid().safeParse(params.id).success) error(404, { message: 'No such request.', code: 'NOT_FOUND' });
  const form = await request.formData().catch(() => null);
  const md = form?.get('format') !== 'json';
  const report = await must(() => nodeAs(locals, region).console.requests.accessReport.mutate({ requestId: params.id! }));
  locals.services.logger.info({ region, requestId: params.id, by: locals.user?.id }, 'access report downloaded');
  return new Response(md ? report.markdown : JSON.stringify(report.json, null, 2), {
    headers: {
      'content-type': md ? 'text/markdown; charset=utf-8' : 'application/json',
      'content-disposition': `attachment; filename="access-report-${region}-${params.id}.${md ? 'md' : 'json'}"`,
      'cache-control': 'no-store',
    },
  });
};
