import type { Weights } from '../model/weights.ts';
import type { RoundChannel } from './round-channel.ts';
import type { UpdateEnvelope } from './update-envelope.ts';

/** Everything one aggregation sees. */
export interface AggregationInput {
  federation: string;
  round: number;
  /** The round's global model (what participants trained from). */
  global: Weights;
  /** Accepted updates, one per contributing region, sorted by region (so float sums are reproducible). */
  updates: readonly UpdateEnvelope[];
  /** Invited regions that did not contribute, sorted. */
  failures: readonly string[];
  /** The round's channel, server view (e.g. to announce dropped parties and collect unmasking shares). */
  channel: RoundChannel;
  signal: AbortSignal;
}

/**
 * The server-side half of the update pipeline: it reads the updates in
 * whatever encoding the client pipeline produced and folds them into the
 * next global model, normally by handing FitResults to a pure `Strategy`
 * (`createStrategyAggregator`). Secure aggregation replaces it with one that
 * unmasks the sum first and then calls the same strategy.
 *
 * @example
 * const aggregator = createStrategyAggregator(createFedAvg({ schedule }));
 */
export interface Aggregator {
  readonly name: string;
  /**
   * Checks one update on arrival against the round's global model (encoding,
   * tensor names and sizes, finite values). Throws `MeridianError`
   * `BAD_INPUT`, so a malformed or poisoned update is refused with a 400 at
   * upload instead of failing the round later.
   */
  validate(update: UpdateEnvelope, global: Weights): void;
  aggregate(input: AggregationInput): Promise<Weights>;
}
