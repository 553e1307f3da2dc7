import type { RoundChannel } from './round-channel.ts';
import type { UpdateEnvelope } from './update-envelope.ts';

/** What a transform knows about the round it runs in. */
export interface TransformContext {
  federation: string;
  round: number;
  /** This participant's region. */
  region: string;
  /** Every region invited to the round, sorted (pairwise protocols mask against them). */
  participants: readonly string[];
  channel: RoundChannel;
  signal: AbortSignal;
}

/**
 * One stage of the client-side update pipeline, between local training and
 * the upload: FitResult → `envelopeOfFitResult` → transform₁ → … → wire.
 * The pipeline is empty (identity) for plain FedAvg; secure-aggregation
 * masking is a transform (advertise keys and share seeds over
 * `context.channel`, then encode and mask the tensors), with its
 * unmasking on the server side as an `Aggregator`. Transforms must not add
 * anything personal: the result leaves the region.
 *
 * @example
 * const scaleByExamples: UpdateTransform = {
 *   name: 'scale-by-examples',
 *   apply: (u) => ({ ...u, tensors: scaleFloat32(u.tensors, u.numExamples), annotations: { ...u.annotations, scaled: true } }),
 * };
 */
export interface UpdateTransform {
  readonly name: string;
  apply(update: UpdateEnvelope, context: TransformContext): Promise<UpdateEnvelope> | UpdateEnvelope;
  /**
   * Runs after the update was accepted, while the round aggregates: e.g.
   * secure aggregation's unmasking step, where survivors post the shares of a
   * dropped party's seed. Must return within the round's deadlines.
   */
  afterSend?(context: TransformContext): Promise<void>;
}
