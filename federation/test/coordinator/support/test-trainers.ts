import type { Weights } from '../../../src/model/weights.ts';
import type { LocalTrainer } from '../../../src/round/local-trainer.ts';
import type { LocalEvaluator } from '../../../src/round/local-evaluator.ts';

/** A trainer that always returns the same hand-made delta: for exact hand computations. */
export function fixedDeltaTrainer(region: string, delta: Weights, numExamples: number): LocalTrainer {
  return () => ({ region, numExamples, delta: Object.fromEntries(Object.entries(delta).map(([k, v]) => [k, v.slice()])), metrics: { loss: 1 } });
}

/**
 * A deterministic stand-in for local training: every tensor moves a fraction
 * `learningRate` of the way to the region's own target (its "local optimum"),
 * so rounds depend on the global model and on each other, as real ones do.
 */
export function pullTowardsTrainer(region: string, target: Weights, numExamples: number): LocalTrainer {
  return (global, config) => {
    const delta: Weights = {};
    for (const [name, g] of Object.entries(global)) {
      const t = target[name] as Float32Array;
      delta[name] = Float32Array.from(g, (x, i) => Math.fround(config.learningRate * ((t[i] as number) - x)));
    }
    return { region, numExamples, delta, metrics: { loss: distance(global, target) } };
  };
}

/** Evaluates as "distance to my target": an aggregate number, like accuracy would be. */
export function distanceEvaluator(target: Weights, numExamples: number): LocalEvaluator {
  return (weights) => ({ numExamples, metrics: { distance: distance(weights, target) } });
}

function distance(a: Weights, b: Weights): number {
  let s = 0;
  for (const [name, x] of Object.entries(a)) {
    const y = b[name] as Float32Array;
    for (let i = 0; i < x.length; i++) s += ((x[i] as number) - (y[i] as number)) ** 2;
  }
  return Math.sqrt(s);
}
