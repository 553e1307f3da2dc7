import type { EvaluationReport } from '../round/local-evaluator.ts';
import type { UpdateEnvelope } from '../round/update-envelope.ts';
import type { FitConfig } from '../strategy/strategy.ts';
import type { RoundChannelStore } from './round-channel-store.ts';

/**
 * The in-memory part of the round in progress. Updates live only here, never
 * at rest: a region's individual update is the most sensitive thing the
 * coordinator ever holds, and after a restart participants simply upload
 * their cached update again (their view says `submitted: false`).
 */
export interface LiveRound {
  round: number;
  /** `aggregating`: the fit phase is decided and no more updates are taken. */
  phase: 'open' | 'aggregating' | 'evaluating';
  invited: string[];
  config: FitConfig;
  modelIn: string;
  /** Set once aggregated. */
  modelOut: string | null;
  attempt: number;
  openedAt: number;
  /** Straggler deadline in the fit phase, evaluation deadline after. */
  deadline: number;
  updates: Map<string, { envelope: UpdateEnvelope; digest: string }>;
  /** Failure codes reported by invited regions. */
  reported: Map<string, string>;
  /** Regions whose updates are in `modelOut`. */
  contributors: string[];
  evaluations: Map<string, EvaluationReport>;
  channel: RoundChannelStore;
}
