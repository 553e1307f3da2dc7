/**
 * A region's (ε, δ) allowance for one model over its whole life, from the
 * region profile (`privacyBudget.<task>`). Once the accountant says the next
 * round would take the model's cumulative ε past `epsilon` at `delta`, the
 * region stops training that model.
 */
export interface PrivacyBudget {
  epsilon: number;
  delta: number;
}
