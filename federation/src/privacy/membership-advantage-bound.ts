/**
 * The largest membership advantage (TPR − FPR of any attack deciding whether
 * one subject was in the training set) that (ε, δ)-DP allows:
 * (e^ε − 1 + 2δ) / (e^ε + 1). It follows from the hypothesis-testing region of
 * (ε, δ)-DP (Kairouz, Oh & Viswanath 2015: TPR ≤ e^ε·FPR + δ and
 * 1 − FPR ≤ e^ε·(1 − TPR) + δ), as stated for membership inference by
 * Humphries et al. 2020, "Investigating Membership Inference Attacks under
 * Data Dependencies"; tighter than Yeom et al. 2018's e^ε − 1.
 *
 * @example
 * membershipAdvantageBound(1, 1e-5); // ≈ 0.462
 */
export function membershipAdvantageBound(epsilon: number, delta: number): number {
  if (epsilon === Number.POSITIVE_INFINITY) return 1;
  return Math.min(1, (Math.expm1(epsilon) + 2 * delta) / (Math.exp(epsilon) + 1));
}
