import { summarizePrivacySpend } from '@meridian/federation/privacy/summarize-privacy-spend.ts';
import type { RegionNode } from '../node/region-node.ts';
import { databasePrivacySpendStore } from '../training/privacy-spend.repository.ts';

/**
 * The region's lifetime (ε, δ) budget per federated model, from its profile,
 * beside what it has spent: the RDP composition of the DP rounds recorded in
 * `privacy_spend`. A round the node's data trained in WITHOUT DP (lineage
 * with no spend record) voids the guarantee: `spent` is then null
 * ("unbounded"), never the smaller DP figure.
 *
 * @example
 * const { models } = await privacyBudgets(node); // [{ model: 'intent', epsilon: 8, delta: 1e-5, dpRounds: 3, roundsWithoutDp: 0, spent: 2.4, remaining: 5.6 }]
 */
export async function privacyBudgets(node: RegionNode) {
  const lineage = await node.db.selectFrom('training_lineage').select(['federation', 'round']).distinct().execute();
  const store = databasePrivacySpendStore(node.db);
  const models = await Promise.all(
    Object.entries(node.policy.profile.privacyBudget).map(async ([model, b]) => {
      const entries = await store.load(node.region, model);
      const dpRounds = new Set(entries.map((e) => e.round));
      const trained = lineage.filter((l) => l.federation === model);
      const roundsWithoutDp = trained.filter((l) => !dpRounds.has(l.round)).length;
      const summary = summarizePrivacySpend(entries, b);
      return {
        model,
        epsilon: b.epsilon,
        delta: b.delta,
        roundsTrained: trained.length,
        dpRounds: summary.rounds,
        roundsWithoutDp,
        spent: roundsWithoutDp > 0 ? null : summary.spent,
        remaining: roundsWithoutDp > 0 ? null : summary.remaining,
      };
    }),
  );
  return {
    region: node.region,
    models,
    note: 'ε is composed (RDP) from the DP rounds this node recorded; a model its data trained without DP has no bound ("unbounded").',
  };
}
