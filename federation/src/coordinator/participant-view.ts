import { createHash } from 'node:crypto';
import type { RoundView } from '../round/round-view.ts';
import type { LiveRound } from './live-round.ts';

/** A view before its fingerprint is computed (Omit distributed over the union). */
type WithoutVersion<T> = T extends unknown ? Omit<T, 'version'> : never;

/** What `participantView` needs to know about the coordinator. */
export interface CoordinatorSnapshot {
  federation: string;
  /** Last committed round and the global model after it. */
  checkpoint: { round: number; modelHash: string };
  live: LiveRound | undefined;
  finished: boolean;
}

/**
 * The view one region gets from `round.poll`. Pure. Its `version` is a hash
 * of its content, so a long-poll wakes the region exactly when something it
 * should act on changed, whoever else submitted meanwhile.
 *
 * @example
 * participantView({ federation: 'intent', checkpoint: { round: 0, modelHash }, live, finished: false }, 'eu').phase; // 'fit'
 */
export function participantView(s: CoordinatorSnapshot, region: string): RoundView {
  const base = { federation: s.federation, round: s.checkpoint.round, modelHash: s.checkpoint.modelHash };
  let view: WithoutVersion<RoundView>;
  const live = s.live;
  if (s.finished) view = { ...base, phase: 'finished' };
  else if (live && live.phase !== 'evaluating' && live.invited.includes(region)) {
    const submitted = live.updates.has(region) || live.reported.has(region);
    // Once the round is being aggregated a silent region can only wait for the next one.
    view =
      live.phase === 'aggregating' && !submitted
        ? { ...base, phase: 'waiting' }
        : {
            federation: s.federation,
            phase: 'fit',
            round: live.round,
            modelHash: live.modelIn,
            config: live.config,
            participants: [...live.invited],
            deadline: new Date(live.deadline).toISOString(),
            submitted,
          };
  } else if (live && live.phase === 'evaluating' && live.modelOut !== null) {
    view = {
      federation: s.federation,
      phase: 'evaluate',
      round: live.round,
      modelHash: live.modelOut,
      evaluated: live.evaluations.has(region),
      deadline: new Date(live.deadline).toISOString(),
    };
  } else view = { ...base, phase: 'waiting' };
  const version = createHash('sha256').update(JSON.stringify(view)).digest('base64url').slice(0, 22);
  return { ...view, version } as RoundView;
}
