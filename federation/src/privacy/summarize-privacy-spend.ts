import type { PrivacyBudget } from './privacy-budget.ts';
import type { PrivacySpendEntry } from './privacy-spend-store.ts';
import { createRdpAccountant } from './rdp-accountant.ts';

/** What an operator sees for one region and model (`meridian train`). */
export interface PrivacySpendSummary {
  rounds: number;
  /** Cumulative ε at the budget's δ (RDP composition of all rounds, not a sum of per-round ε). */
  spent: number;
  budget: number;
  remaining: number;
  delta: number;
}

/**
 * Spent and remaining ε of a model in a region, recomposed from the recorded
 * events with the RDP accountant.
 *
 * @example
 * summarizePrivacySpend(await store.load('eu', 'intent'), { epsilon: 8, delta: 1e-5 }); // { rounds: 3, spent: 2.1, budget: 8, remaining: 5.9, delta: 1e-5 }
 */
export function summarizePrivacySpend(entries: readonly PrivacySpendEntry[], budget: PrivacyBudget, orders?: readonly number[]): PrivacySpendSummary {
  const spent = entries.length === 0 ? 0 : createRdpAccountant(orders).compose(...entries.map((e) => e.event)).epsilon(budget.delta).epsilon;
  return { rounds: entries.length, spent, budget: budget.epsilon, remaining: Math.max(0, budget.epsilon - spent), delta: budget.delta };
}
