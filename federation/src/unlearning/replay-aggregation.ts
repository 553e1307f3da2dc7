import type { Weights } from '../model/weights.ts';
import { createFixedPointCodec } from '../secure-aggregation/fixed-point-codec.ts';
import type { SecaggWeighting } from '../secure-aggregation/secagg-weighting.ts';
import type { FitResult, Strategy } from '../strategy/strategy.ts';

/**
 * The server step of a replayed round. It must compute exactly what the
 * coordinator's `Aggregator` computed, or the replay is only close:
 * secure aggregation rounds every value to its fixed-point grid, so a replay
 * with the plain average would differ in the last bits.
 */
export interface ReplayAggregation {
  /** As the coordinator's aggregator names itself (`plain:fedavg`, `secagg:fedavg`). */
  readonly name: string;
  /** `results` sorted by region; `failures`: invited regions that did not contribute, sorted. */
  aggregate(round: number, global: Weights, results: readonly FitResult[], failures: readonly string[]): Weights;
}

/**
 * What `createStrategyAggregator` does: float32 deltas into the strategy.
 *
 * @example
 * const aggregation = plainReplayAggregation(createFedAvg({ schedule }));
 */
export function plainReplayAggregation(strategy: Strategy): ReplayAggregation {
  return { name: `plain:${strategy.name}`, aggregate: (round, global, results, failures) => strategy.aggregate(round, global, results, failures) };
}

/**
 * What `createSecureAggregator` computes once the masks have cancelled: each
 * delta encoded on the fixed-point grid with its weight, summed in Z_2^32,
 * decoded to the weighted mean and handed to the strategy as one
 * pre-averaged result. Bit-identical to the masked protocol when the mask
 * party set was the contributor set (no party dropped between the key
 * exchange and the upload); with such a dropout the real round divided by a
 * total weight that included the dropped party, which the round row does
 * not record.
 *
 * @example
 * const aggregation = secureReplayAggregation(strategy, { weighting: 'uniform' });
 */
export function secureReplayAggregation(strategy: Strategy, options: { weighting?: SecaggWeighting; clip?: number } = {}): ReplayAggregation {
  const weighting = options.weighting ?? 'uniform';
  const codec = createFixedPointCodec({ clip: options.clip ?? 16 });
  return {
    name: `secagg:${strategy.name}`,
    aggregate(round, global, results, failures) {
      if (results.length === 0) return strategy.aggregate(round, global, [], failures);
      const weights = results.map((r) => (weighting === 'examples' ? r.numExamples : 1));
      const total = weights.reduce((n, w) => n + w, 0);
      const delta: Weights = {};
      for (const name of Object.keys(global)) {
        const length = (global[name] as Float32Array).length;
        const sum = new Uint32Array(length);
        const encoded = new Uint32Array(length);
        for (const [i, r] of results.entries()) {
          codec.encode(r.delta[name] as Float32Array, weights[i] as number, total, encoded, 0);
          for (let j = 0; j < length; j++) sum[j] = ((sum[j] as number) + (encoded[j] as number)) >>> 0;
        }
        delta[name] = codec.decode(sum, total, total);
      }
      const numExamples = results.reduce((n, r) => n + r.numExamples, 0);
      return strategy.aggregate(round, global, [{ region: 'secure-aggregate', numExamples, delta, metrics: {} }], failures);
    },
  };
}
