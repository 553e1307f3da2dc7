import type { FastTextEngine } from '../fasttext-engine.ts';
import { referenceLossAndGradient, referenceProbabilities } from './reference-fasttext.ts';

/**
 * The plain-TypeScript engine (see `reference-fasttext.ts`): synchronous, no
 * backend to load, and the fastest for single messages on CPU.
 *
 * @example
 * const p = referenceEngine.probabilities(weights, spec, batch);
 */
export const referenceEngine: FastTextEngine = Object.freeze({
  name: 'reference',
  probabilities: referenceProbabilities,
  lossAndGradient: referenceLossAndGradient,
});
