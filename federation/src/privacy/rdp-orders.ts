/**
 * The RDP orders the accountant evaluates by default: Opacus' `DEFAULT_ALPHAS`
 * (1.1 … 10.9 in steps of 0.1, then 12 … 63), which TF Privacy's MNIST tutorial
 * also uses. ε is the minimum over these orders, so a finer or wider grid can
 * only lower it; this one is dense where DP-SGD's optimum usually lies
 * (single-digit ε at δ ≈ 1e-5 has its optimum between 2 and 40).
 *
 * @example
 * createRdpAccountant(DEFAULT_RDP_ORDERS);
 */
export const DEFAULT_RDP_ORDERS: readonly number[] = Object.freeze([
  ...Array.from({ length: 99 }, (_, x) => 1 + (x + 1) / 10),
  ...Array.from({ length: 52 }, (_, x) => 12 + x),
]);
