import type { SampledGaussianEvent } from './sampled-gaussian-event.ts';

/** One round of DP training a region ran for a model. */
export interface PrivacySpendEntry {
  federation: string;
  round: number;
  /** What the round ran: the accountant recomposes the total from these. */
  event: SampledGaussianEvent;
  clipNorm: number;
  /** Cumulative ε of the model after this round, at the budget's δ (for display; the events are the truth). */
  epsilon: number;
  delta: number;
  /** ISO time the spend was recorded. */
  at: string;
}

/**
 * Where a region keeps what its DP training has spent, per model. The DP
 * trainer reads it before a round (to refuse one past the budget) and appends
 * to it before the round's update is returned, so a crash can over-count a
 * spend but never lose one. The region node provides a database-backed
 * implementation; `createMemoryPrivacySpendStore` serves tests and simulations.
 *
 * @example
 * const spent = await store.load('eu', 'intent');
 * createRdpAccountant().compose(...spent.map((e) => e.event)).epsilon(1e-5);
 */
export interface PrivacySpendStore {
  load(region: string, model: string): Promise<readonly PrivacySpendEntry[]>;
  record(region: string, model: string, entry: PrivacySpendEntry): Promise<void>;
}
