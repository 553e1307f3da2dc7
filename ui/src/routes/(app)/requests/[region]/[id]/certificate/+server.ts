import { error, type RequestHandler } from '@sveltejs/kit';
import { z } from 'zod';
import { requireRegion } from '#lib/server/require-ability.ts';
import { nodeAs } from '#lib/server/node-as.ts';
import { must } from '#lib/server/region-call.ts';

/**
 * The completion certificate of a closed request as a download (`?part=evidence`:
 * only its evidence bundle, which `meridian verify` and the verify page check).
 * Nothing personal is in either.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
  const region = requireRegion(locals, 'download', 'RightsRequest', params.region!);
  if (!z.uuid().safeParse(params.id).success) error(404, { message: 'No such request.', code: 'NOT_FOUND' });
  const cert = await must(() => nodeAs(locals, region).console.requests.certificate.query({ requestId: params.id! }));
  const evidenceOnly = url.searchParams.get('part') === 'evidence';
  const body = JSON.stringify(evidenceOnly ? cert.evidence : cert, null, 2);
  const name = `${evidenceOnly ? 'evidence' : 'certificate'}-${region}-${params.id}.json`;
  return new Response(body, { headers: { 'content-type': 'application/json', 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' } });
};
