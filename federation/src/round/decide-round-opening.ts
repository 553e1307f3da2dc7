import { createHash } from 'node:crypto';

/** Whether to open the next round now, and whom to invite. */
export type OpeningDecision = { action: 'wait'; until: number | null } | { action: 'open'; invited: string[] };

export interface OpeningState {
  /** Configured participants (sorted). */
  participants: readonly string[];
  /** Participants present now (polled recently). */
  present: readonly string[];
  minParticipants: number;
  maxParticipants: number;
  /** When `minParticipants` first became present for this round (null: not yet). */
  quorumSince: number | null;
  joinWindowMs: number;
  /** The round about to open (seeds the choice when more are present than `maxParticipants`). */
  round: number;
}

/**
 * A round opens when every participant is present, or when at least
 * `minParticipants` have been present for `joinWindowMs` (so one region that
 * is down does not stall the federation, and one that is a second late to
 * start does not miss round 1). Nothing opens without a quorum: a round that
 * cannot reach `minParticipants` would only burn its straggler timeout.
 * When more are present than `maxParticipants`, a per-round hash rotates who
 * sits out, so no region is always left out.
 *
 * @example
 * decideRoundOpening({ participants: ['eu', 'me', 'sea'], present: ['eu', 'sea'], minParticipants: 2, maxParticipants: 3,
 *   quorumSince: 0, joinWindowMs: 5000, round: 1 }, 1000); // { action: 'wait', until: 5000 }
 */
export function decideRoundOpening(state: OpeningState, now: number): OpeningDecision {
  const present = state.participants.filter((p) => state.present.includes(p));
  if (present.length < state.minParticipants) return { action: 'wait', until: null };
  const everyone = present.length === state.participants.length;
  if (!everyone) {
    const since = state.quorumSince ?? now;
    if (now < since + state.joinWindowMs) return { action: 'wait', until: since + state.joinWindowMs };
  }
  if (present.length <= state.maxParticipants) return { action: 'open', invited: present };
  const rank = (region: string) => createHash('sha256').update(`${state.round}\u0000${region}`).digest('hex');
  const invited = [...present].sort((a, b) => (rank(a) < rank(b) ? -1 : 1)).slice(0, state.maxParticipants).sort();
  return { action: 'open', invited };
}
