import { computeRdp } from './compute-rdp.ts';
import type { EpsilonAtOrder, RdpConversion } from './epsilon-from-rdp.ts';
import { epsilonFromRdp } from './epsilon-from-rdp.ts';
import { DEFAULT_RDP_ORDERS } from './rdp-orders.ts';
import type { SampledGaussianEvent } from './sampled-gaussian-event.ts';

/**
 * A Rényi-DP accountant for the sampled Gaussian mechanism: composes events
 * (steps within a round, rounds over time, even different σ and q) by adding
 * their RDP curves order by order, and converts the total to (ε, δ). Pure and
 * synchronous; the caller persists the events (`PrivacySpendStore`), not the
 * accountant. Equivalent to `dp_accounting.rdp.RdpAccountant` composed with
 * `PoissonSampledDpEvent(q, GaussianDpEvent(σ))`, or Opacus' `RDPAccountant`.
 *
 * @example
 * const acc = createRdpAccountant();
 * acc.compose({ sampleRate: 256 / 60000, noiseMultiplier: 1.1, steps: 14040 });
 * acc.epsilon(1e-5).epsilon; // ≈ 2.7 (improved conversion)
 */
export interface RdpAccountant {
  readonly orders: readonly number[];
  /** Adds the events' RDP; returns the accountant for chaining. */
  compose(...events: readonly SampledGaussianEvent[]): RdpAccountant;
  /** Total RDP so far, one value per order. */
  rdp(): number[];
  /** Smallest ε (and the order achieving it) at which everything composed so far is (ε, δ)-DP. */
  epsilon(delta: number, conversion?: RdpConversion): EpsilonAtOrder;
}

/**
 * @param orders RDP orders to track (default `DEFAULT_RDP_ORDERS`); more orders, tighter ε.
 */
export function createRdpAccountant(orders: readonly number[] = DEFAULT_RDP_ORDERS): RdpAccountant {
  const total = new Array<number>(orders.length).fill(0);
  const accountant: RdpAccountant = {
    orders,
    compose(...events) {
      for (const e of events) {
        const r = computeRdp(e.sampleRate, e.noiseMultiplier, e.steps, orders);
        for (let k = 0; k < total.length; k++) total[k] = (total[k] as number) + (r[k] as number);
      }
      return accountant;
    },
    rdp: () => total.slice(),
    epsilon: (delta, conversion = 'improved') => epsilonFromRdp(orders, total, delta, conversion),
  };
  return accountant;
}
