import { MeridianError } from '@meridian/core/errors/meridian-error.ts';

/**
 * How an RDP curve becomes (ε, δ)-DP:
 * - `improved` (default): Balle, Barthe, Gaboardi, Hsu & Sato 2020, "Hypothesis
 *   Testing Interpretations and Rényi Differential Privacy", Thm 21:
 *   ε = r_α + log(1 − 1/α) − log(δ·α)/(α − 1). This is what Google's
 *   `dp_accounting.rdp.RdpAccountant` (used by TF Privacy since 2021) and
 *   Opacus' `privacy_analysis.get_privacy_spent` compute.
 * - `classic`: Mironov 2017, "Rényi Differential Privacy", Prop. 3:
 *   ε = r_α + log(1/δ)/(α − 1). Looser; kept to reproduce figures published
 *   with it (TF Privacy's MNIST tutorial, 2018–2020).
 */
export type RdpConversion = 'improved' | 'classic';

/** The best (ε, order) over the orders. */
export interface EpsilonAtOrder {
  epsilon: number;
  order: number;
}

/**
 * Smallest ε over the RDP orders such that the mechanism is (ε, δ)-DP. As in
 * `dp_accounting`, orders ≤ 1.01 are skipped by the improved bound (it is
 * numerically unstable there), an order whose RDP already implies δ through
 * the KL bound (δ² ≥ 1 − e^−r) yields ε = 0, and ε is never negative.
 *
 * @example
 * epsilonFromRdp([2, 3, …, 32], Array(31).fill(1.1), 1e-5); // { epsilon: 1.32783806176, order: 32 } (TF Privacy's test)
 */
export function epsilonFromRdp(orders: readonly number[], rdp: readonly number[], delta: number, conversion: RdpConversion = 'improved'): EpsilonAtOrder {
  if (orders.length !== rdp.length || orders.length === 0) throw new MeridianError('BAD_INPUT', 'one RDP value per order is required', { orders: orders.length, rdp: rdp.length });
  if (!(delta > 0 && delta < 1)) throw new MeridianError('BAD_INPUT', 'δ must lie in (0, 1)', { delta });
  let best: EpsilonAtOrder = { epsilon: Number.POSITIVE_INFINITY, order: Number.NaN };
  for (let k = 0; k < orders.length; k++) {
    const a = orders[k] as number;
    const r = rdp[k] as number;
    if (!(r >= 0)) throw new MeridianError('BAD_INPUT', 'RDP values must be non-negative', { order: a, rdp: r });
    let eps: number;
    if (conversion === 'classic') eps = r - Math.log(delta) / (a - 1);
    else if (delta * delta + Math.expm1(-r) > 0) eps = 0;
    else if (a > 1.01) eps = r + Math.log1p(-1 / a) - Math.log(delta * a) / (a - 1);
    else eps = Number.POSITIVE_INFINITY;
    if (eps < best.epsilon) best = { epsilon: eps, order: a };
  }
  return { epsilon: Math.max(0, best.epsilon), order: best.order };
}
