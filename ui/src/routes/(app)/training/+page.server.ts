import { z } from 'zod';
import { requireRegions, abilityOf } from '#lib/server/require-ability.ts';
import { allowedIn } from '#lib/server/permissions.ts';
import { nodeAs } from '#lib/server/node-as.ts';
import { settle } from '#lib/server/region-call.ts';
import type { PageServerLoad } from './$types';

const coordinatorStatus = z.object({
  models: z.array(z.object({ task: z.string(), round: z.number().nullable(), hash: z.string() })).default([]),
  rounds: z.array(z.object({
    task: z.string(), round: z.number(), status: z.string(), contributors: z.array(z.string()), modelOut: z.string().nullable(), closedAt: z.string().nullable(),
    metrics: z.record(z.string(), z.record(z.string(), z.number())), epsilon: z.record(z.string(), z.number()),
  })).default([]),
});

/**
 * Federated training for operators and auditors: the coordinator's rounds
 * (evaluation per region, ε per region when the round ran with DP), the model
 * versions each node serves by hash, and each region's ε budget per model.
 */
export const load: PageServerLoad = async ({ locals, fetch: _fetch }) => {
  const { regions } = requireRegions(locals, 'read', 'TrainingRound');
  const ability = abilityOf(locals);
  const { coordinatorUrl } = locals.services.config;
  let coordinator: z.infer<typeof coordinatorStatus> | null = null;
  if (coordinatorUrl) {
    try {
      const res = await fetch(`${coordinatorUrl}/status`, { signal: AbortSignal.timeout(3_000) });
      const parsed = coordinatorStatus.safeParse(await res.json());
      coordinator = parsed.success ? parsed.data : null;
    } catch {
      coordinator = null;
    }
  }
  const perRegion = await Promise.all(
    regions.map(async (region) => {
      const node = nodeAs(locals, region);
      const [models, budgets] = await Promise.all([
        allowedIn(ability, 'read', 'ModelVersion', region) ? settle(() => node.console.training.models.query()) : null,
        allowedIn(ability, 'read', 'PrivacyBudget', region) ? settle(() => node.console.training.budgets.query()) : null,
      ]);
      return {
        region,
        models: models?.ok ? models.value : null,
        budgets: budgets?.ok ? budgets.value : null,
        failure: [models, budgets].find((r) => r && !r.ok) ? 'the node did not answer' : null,
      };
    }),
  );
  return {
    regions,
    coordinator,
    perRegion,
    canStart: regions.some((r) => ability.can('start', 'TrainingRound') && allowedIn(ability, 'start', 'TrainingRound', r)),
  };
};
