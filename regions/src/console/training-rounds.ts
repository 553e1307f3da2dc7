import { z } from 'zod';
import type { RegionNode } from '../node/region-node.ts';

export const trainingRoundsInputSchema = z.strictObject({
  federation: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

/**
 * The federated rounds this node knows: the rounds its data trained in (from
 * its lineage: which model, which round, when; who took part is never shown),
 * and, where the coordinator runs beside the node, the coordinator's round
 * records (strategy, contributing regions, example counts per region, the
 * evaluation metrics, model in and out). Newest first.
 *
 * @example
 * const { trained, coordinated } = await trainingRounds(node, { federation: 'intent' });
 */
export async function trainingRounds(node: RegionNode, input: z.input<typeof trainingRoundsInputSchema>) {
  const { federation, limit } = trainingRoundsInputSchema.parse(input);
  let trained = node.db
    .selectFrom('training_lineage')
    .select(['federation', 'round', (eb) => eb.fn.max('recorded_at').as('recorded_at')])
    .groupBy(['federation', 'round']);
  let coordinated = node.db
    .selectFrom('federation_rounds')
    .select(['federation', 'round', 'status', 'strategy', 'contributors', 'failures', 'example_counts', 'total_examples', 'model_in', 'model_out', 'evaluation', 'opened_at', 'closed_at', 'failure_reason']);
  if (federation) {
    trained = trained.where('federation', '=', federation);
    coordinated = coordinated.where('federation', '=', federation);
  }
  const [mine, rounds] = await Promise.all([
    trained.orderBy('round', 'desc').limit(limit).execute(),
    coordinated.orderBy('opened_at', 'desc').limit(limit).execute(),
  ]);
  return {
    region: node.region,
    trained: mine.map((r) => ({ federation: r.federation, round: r.round, recordedAt: new Date(r.recorded_at as Date).toISOString() })),
    coordinated: rounds.map((r) => ({
      federation: r.federation,
      round: r.round,
      status: r.status,
      strategy: r.strategy,
      contributors: r.contributors,
      failures: r.failures,
      exampleCounts: r.example_counts,
      totalExamples: r.total_examples,
      modelIn: r.model_in,
      modelOut: r.model_out,
      metrics: r.evaluation?.mean ?? null,
      metricsByRegion: r.evaluation ? Object.fromEntries(Object.entries(r.evaluation.regions).map(([k, v]) => [k, v.metrics])) : null,
      openedAt: r.opened_at.toISOString(),
      closedAt: r.closed_at?.toISOString() ?? null,
      failureReason: r.failure_reason,
    })),
  };
}
