import type { DbOrTrx } from '@meridian/core/db/database.ts';
import type { PrivacySpendEntry, PrivacySpendStore } from '@meridian/federation/privacy/privacy-spend-store.ts';

/**
 * The region's DP spend in its own database (`privacy_spend`), so a restart or
 * a new process never resets ε. `dpTrainer` reads it before a round and
 * appends to it before releasing the round's update.
 *
 * @example
 * const store = databasePrivacySpendStore(node.db);
 * summarizePrivacySpend(await store.load('eu', 'intent'), profile.privacyBudget.intent);
 */
export function databasePrivacySpendStore(db: DbOrTrx): PrivacySpendStore {
  return {
    async load(region, model) {
      const rows = await db.selectFrom('privacy_spend').selectAll().where('region', '=', region).where('model', '=', model).orderBy('id').execute();
      return rows.map(
        (r): PrivacySpendEntry => ({
          federation: r.federation,
          round: r.round,
          event: { sampleRate: r.sample_rate, noiseMultiplier: r.noise_multiplier, steps: r.steps },
          clipNorm: r.clip_norm,
          epsilon: r.epsilon,
          delta: r.delta,
          at: r.recorded_at.toISOString(),
        }),
      );
    },
    async record(region, model, entry) {
      await db
        .insertInto('privacy_spend')
        .values({
          region,
          model,
          federation: entry.federation,
          round: entry.round,
          sample_rate: entry.event.sampleRate,
          noise_multiplier: entry.event.noiseMultiplier,
          steps: entry.event.steps,
          clip_norm: entry.clipNorm,
          // ε = ∞ (σ = 0) has no float8 literal in JSON drivers; the events stay the truth.
          epsilon: Number.isFinite(entry.epsilon) ? entry.epsilon : Number.MAX_VALUE,
          delta: entry.delta,
          recorded_at: new Date(entry.at),
        })
        .execute();
    },
  };
}
