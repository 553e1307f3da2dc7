import { requireRegions } from '#lib/server/require-ability.ts';
import { nodeAs } from '#lib/server/node-as.ts';
import { settle } from '#lib/server/region-call.ts';
import type { PageServerLoad } from './$types';

/**
 * The data map as each of the user's region nodes states it (its catalog and
 * the profile it actually runs with): every table and column, its class,
 * purposes, erasure rule, encryption and retention per jurisdiction.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
  const { regions } = requireRegions(locals, 'read', 'DataMap');
  const region = regions.find((r) => r === url.searchParams.get('region')) ?? regions[0]!;
  const map = await settle(() => nodeAs(locals, region).console.dataMap.query());
  return { regions, region, map: map.ok ? map.value : null, failure: map.ok ? null : map.failure.message };
};
