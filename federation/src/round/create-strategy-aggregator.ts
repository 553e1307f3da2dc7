import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { Weights } from '../model/weights.ts';
import type { FitResult, Strategy } from '../strategy/strategy.ts';
import type { Aggregator } from './aggregator.ts';
import { FLOAT32_ENCODING } from './float32-encoding.ts';
import { float32TensorsOf } from './float32-tensors-of.ts';

/**
 * The plain aggregation step: `float32-le` updates decoded into FitResults and
 * folded by the strategy (FedAvg, FedProx, FedAdam...). Validation refuses an
 * update whose tensors do not match the global model exactly or that holds a
 * NaN or infinity (one such value would poison every later model).
 *
 * @example
 * const aggregator = createStrategyAggregator(createFedAvg({ schedule, weighting: 'examples' }));
 */
export function createStrategyAggregator(strategy: Strategy): Aggregator {
  return {
    name: `plain:${strategy.name}`,
    validate(update, global) {
      if (update.encoding !== FLOAT32_ENCODING) {
        throw new MeridianError('BAD_INPUT', `this coordinator aggregates ${FLOAT32_ENCODING} updates only`, { reason: 'unknown_encoding', encoding: update.encoding.slice(0, 64) });
      }
      if (!Number.isSafeInteger(update.numExamples) || update.numExamples < 0) {
        throw new MeridianError('BAD_INPUT', 'numExamples must be a non-negative integer', { reason: 'bad_example_count' });
      }
      const names = Object.keys(global);
      const extra = Object.keys(update.tensors).filter((n) => !(n in global));
      if (extra.length > 0) throw new MeridianError('BAD_INPUT', 'update has tensors the model does not', { reason: 'unknown_tensor', tensors: extra.slice(0, 8).map((n) => n.slice(0, 64)) });
      for (const name of names) {
        const bytes = update.tensors[name];
        const expected = (global[name] as Float32Array).length * 4;
        if (bytes === undefined || bytes.length !== expected) {
          throw new MeridianError('BAD_INPUT', `tensor ${name} does not match the global model`, { reason: 'tensor_shape', tensor: name, expectedBytes: expected, foundBytes: bytes?.length ?? null });
        }
      }
      const decoded = float32TensorsOf(update);
      for (const [name, t] of Object.entries(decoded)) {
        for (let i = 0; i < t.length; i++) {
          if (!Number.isFinite(t[i] as number)) throw new MeridianError('BAD_INPUT', `tensor ${name} holds a non-finite value`, { reason: 'non_finite', tensor: name, index: i });
        }
      }
    },
    async aggregate(input): Promise<Weights> {
      const results: FitResult[] = input.updates.map((u) => ({ region: u.region, numExamples: u.numExamples, delta: float32TensorsOf(u), metrics: u.metrics }));
      return strategy.aggregate(input.round, input.global, results, input.failures);
    },
  };
}
