import { z } from 'zod';
import { RIGHTS_REQUEST_TYPES } from '@meridian/regions/rights/rights-request-type.ts';
import { OPEN_REQUEST_STATES } from '@meridian/core/access/open-request-states.ts';
import { requireRegions } from '#lib/server/require-ability.ts';
import { nodeAs } from '#lib/server/node-as.ts';
import { settle } from '#lib/server/region-call.ts';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;
const filters = z.object({
  type: z.enum(RIGHTS_REQUEST_TYPES).optional().catch(undefined),
  status: z.enum(OPEN_REQUEST_STATES).optional().catch(undefined),
  cursor: z.string().max(300).optional().catch(undefined),
});

/**
 * The queue: one region's open requests, most urgent first (deadline in force,
 * then the 24-hour target), 50 a page, from the node's keyset-paginated queue,
 * so a page costs the same with ten or ten thousand open requests.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
  const { regions } = requireRegions(locals, 'read', 'RightsRequest');
  const wanted = url.searchParams.get('region');
  const region = regions.find((r) => r === wanted) ?? regions[0]!;
  const f = filters.parse(Object.fromEntries(url.searchParams));
  const page = await settle(() => nodeAs(locals, region).console.requests.queue.query({ limit: PAGE_SIZE, cursor: f.cursor || undefined, type: f.type, status: f.status }));
  return {
    regions,
    region,
    type: f.type ?? null,
    status: f.status ?? null,
    first: !f.cursor,
    failure: page.ok ? null : page.failure.message,
    open: page.ok ? page.value.open : 0,
    nextCursor: page.ok ? page.value.nextCursor : null,
    items: page.ok ? page.value.items : [],
  };
};
