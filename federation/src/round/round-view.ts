import type { FitConfig } from '../strategy/strategy.ts';

/** Fields every view carries. */
interface ViewBase {
  federation: string;
  /**
   * Opaque fingerprint of this view: a participant passes it back as
   * `known` and the long-poll answers as soon as its view differs.
   */
  version: string;
  /** The round the view is about (for `waiting`/`finished`: the last committed round, 0 before any). */
  round: number;
  /** The global model of that round's start (`fit`), its result (`evaluate`) or the current one. */
  modelHash: string;
}

/**
 * What one participant should do now, as the coordinator sees it (the answer
 * to `round.poll`). The participant's loop just reconciles with it, which is
 * what makes both sides restartable: after a coordinator restart a view saying
 * `submitted: false` makes the participant upload its cached update again.
 */
export type RoundView =
  /** Nothing for this region to do (no open round, or not invited to it). */
  | (ViewBase & { phase: 'waiting' })
  | (ViewBase & {
      phase: 'fit';
      config: FitConfig;
      /** Invited regions, sorted. */
      participants: string[];
      /** ISO time after which updates are no longer awaited. */
      deadline: string;
      /** This region's update (or failure report) is in. */
      submitted: boolean;
    })
  /** A new global model exists; evaluate it locally and report. */
  | (ViewBase & { phase: 'evaluate'; evaluated: boolean; deadline: string })
  /** All rounds are done; `modelHash` is the final model. */
  | (ViewBase & { phase: 'finished' });
