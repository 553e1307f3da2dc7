import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { requireRegions, abilityOf } from '#lib/server/require-ability.ts';
import { regionsWhere } from '#lib/server/permissions.ts';
import { nodeAs } from '#lib/server/node-as.ts';
import { settle } from '#lib/server/region-call.ts';
import { budgetOf, chargeBudget, latestReleases, recordRelease, refundCharge } from '#lib/server/dp-budget.ts';
import type { Actions, PageServerLoad } from './$types';

/** ε one traffic release costs per region (the node splits it over its four counts). */
const EPSILON_PER_RELEASE = 0.4;
const WINDOWS = { hour: 3600_000, day: 86_400_000, all: null } as const;
const queryOf = (region: string, window: string) => `traffic:${region}:${window}`;

/**
 * Node health (nothing about people, free to look at) for every region the
 * operator watches, and the traffic aggregates they last released under
 * differential privacy, with their daily ε budget.
 */
export const load: PageServerLoad = async ({ locals }) => {
  const { regions } = requireRegions(locals, 'read', 'NodeHealth');
  const statsRegions = regionsWhere(abilityOf(locals), 'read', 'RoutingStats');
  const { db, config } = locals.services;
  const health = await Promise.all(
    regions.map(async (region) => {
      const r = await settle(() => nodeAs(locals, region).console.stats.health.query());
      return { region, health: r.ok ? r.value : null, failure: r.ok ? null : r.failure.message };
    }),
  );
  const releases = await latestReleases(db, locals.user!.id, statsRegions.flatMap((r) => Object.keys(WINDOWS).map((w) => queryOf(r, w))));
  return {
    health,
    statsRegions,
    epsilonPerRelease: EPSILON_PER_RELEASE,
    budget: await budgetOf(db, locals.user!.id, config.analystDailyEpsilon, new Date()),
    releases: [...releases.entries()].map(([query, r]) => ({ query, region: query.split(':')[1]!, window: query.split(':')[2]!, epsilon: r.epsilon, at: r.at.toISOString(), answer: r.answer as TrafficAnswer })),
  };
};

type TrafficAnswer = {
  subjects: { value: number };
  messagesByChannel: { counts: Record<string, number> };
  messagesByRoute: { counts: Record<string, number> };
  residencyRefusals: { counts: Record<string, number> };
  privacyCost: { epsilon: number };
};

export const actions: Actions = {
  /** Releases fresh DP traffic aggregates for every region the operator may see, charging ε to their budget first. */
  release: async ({ locals, request }) => {
    const form = await request.formData().catch(() => null);
    const window = z.enum(['hour', 'day', 'all']).catch('day').parse(form?.get('window'));
    // Refused outright (403) without the ability anywhere, rather than "released for no region".
    const { regions: statsRegions } = requireRegions(locals, 'read', 'RoutingStats');
    const { db, config, logger } = locals.services;
    const now = new Date();
    const span = WINDOWS[window];
    const since = span === null ? undefined : new Date(now.getTime() - span).toISOString();
    const problems: string[] = [];
    for (const region of statsRegions) {
      let id: number;
      try {
        id = await chargeBudget(db, locals.user!.id, queryOf(region, window), EPSILON_PER_RELEASE, config.analystDailyEpsilon, now);
      } catch (e) {
        return fail(422, { error: `Not released: ${(e as Error).message}. Your budget renews over 24 hours.` });
      }
      const r = await settle(() => nodeAs(locals, region).console.stats.traffic.query({ epsilon: EPSILON_PER_RELEASE, since }));
      if (!r.ok) {
        await refundCharge(db, id);
        problems.push(`${region}: ${r.failure.message}`);
        continue;
      }
      await recordRelease(db, id, r.value);
      logger.info({ region, by: locals.user!.id, epsilon: r.value.privacyCost.epsilon }, 'DP traffic aggregates released');
    }
    return problems.length ? fail(503, { error: `Some regions did not answer (nothing was charged for them): ${problems.join('; ')}` }) : { done: `Released for ${statsRegions.join(', ')}.` };
  },
};
