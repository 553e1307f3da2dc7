/** What the fit phase of a round should do now. */
export type FitDecision =
  | { action: 'wait'; until: number }
  | { action: 'aggregate'; contributors: string[]; failures: Record<string, string> }
  | { action: 'fail'; reason: 'too_few_updates'; contributors: string[]; failures: Record<string, string> };

/** The fit phase's facts at one instant. */
export interface FitPhaseState {
  invited: readonly string[];
  /** Regions whose update was accepted. */
  submitted: readonly string[];
  /** Regions that reported they cannot contribute, with their reason code. */
  reported: Readonly<Record<string, string>>;
  /** Straggler deadline, ms since the epoch. */
  deadline: number;
}

/**
 * Dropout tolerance as a pure rule:
 * - everyone invited answered (update or failure) → decide now;
 * - the deadline passed → the silent ones are failures (`timeout`);
 * - deciding: aggregate if at least `minParticipants` updates, else fail;
 * - no need to wait when `minParticipants` can no longer be reached.
 *
 * @example
 * decideFitPhase({ invited: ['eu', 'me', 'sea'], submitted: ['eu', 'sea'], reported: {}, deadline: 1000 }, 2, 1000);
 * // { action: 'aggregate', contributors: ['eu', 'sea'], failures: { me: 'timeout' } }
 */
export function decideFitPhase(state: FitPhaseState, minParticipants: number, now: number): FitDecision {
  const submitted = state.invited.filter((r) => state.submitted.includes(r)).sort();
  const pending = state.invited.filter((r) => !submitted.includes(r) && !(r in state.reported));
  const reachable = submitted.length + pending.length >= minParticipants;
  if (pending.length > 0 && now < state.deadline && reachable) return { action: 'wait', until: state.deadline };
  const failures: Record<string, string> = {};
  for (const r of [...state.invited].sort()) {
    if (submitted.includes(r)) continue;
    failures[r] = state.reported[r] ?? 'timeout';
  }
  if (submitted.length >= minParticipants) return { action: 'aggregate', contributors: submitted, failures };
  // Regions still pending when the round is given up early did not time out: they were not waited for.
  for (const r of pending) if (now < state.deadline) failures[r] = 'not_waited_for';
  return { action: 'fail', reason: 'too_few_updates', contributors: submitted, failures };
}
