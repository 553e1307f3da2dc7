import { MeridianError } from '@meridian/core/errors/meridian-error.ts';

/** The outcome of a membership-inference attack at its best threshold. */
export interface MembershipAttackResult {
  /** max over thresholds of TPR − FPR. */
  advantage: number;
  /** Predict "member" when loss ≤ threshold. */
  threshold: number;
  tpr: number;
  fpr: number;
  members: number;
  nonMembers: number;
}

/**
 * Yeom et al. 2018's loss-threshold membership-inference attack ("Privacy
 * Risk in Machine Learning: Analyzing the Connection to Overfitting", CSF):
 * guess "member" when the model's loss on a subject's data is at most τ. Given
 * the losses of known members (training subjects) and non-members (held-out
 * subjects of the same distribution), returns the advantage TPR − FPR at the
 * best τ, i.e. the strongest such attacker (it picks τ knowing the answers,
 * so this over- rather than under-estimates the leak). Pure.
 *
 * @example
 * lossThresholdAttack([0.1, 0.2], [0.9, 1.2]).advantage; // 1
 */
export function lossThresholdAttack(memberLosses: readonly number[], nonMemberLosses: readonly number[]): MembershipAttackResult {
  const m = memberLosses.length;
  const n = nonMemberLosses.length;
  if (m === 0 || n === 0) throw new MeridianError('BAD_INPUT', 'the attack needs members and non-members', { members: m, nonMembers: n });
  const all = [...memberLosses.map((loss) => ({ loss, member: true })), ...nonMemberLosses.map((loss) => ({ loss, member: false }))].sort((a, b) => a.loss - b.loss);
  let best: MembershipAttackResult = { advantage: 0, threshold: Number.NEGATIVE_INFINITY, tpr: 0, fpr: 0, members: m, nonMembers: n };
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < all.length; i++) {
    const e = all[i] as { loss: number; member: boolean };
    if (e.member) tp++;
    else fp++;
    // Only cut between distinct losses: ties must fall on the same side.
    if (i + 1 < all.length && (all[i + 1] as { loss: number }).loss === e.loss) continue;
    const adv = tp / m - fp / n;
    if (adv > best.advantage) best = { advantage: adv, threshold: e.loss, tpr: tp / m, fpr: fp / n, members: m, nonMembers: n };
  }
  return best;
}
