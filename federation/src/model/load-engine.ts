import type { EngineName, FastTextEngine } from './fasttext-engine.ts';
import { referenceEngine } from './reference/reference-engine.ts';
import { createTfjsEngine } from './tfjs/tfjs-engine.ts';

/**
 * Returns the engine of that name; `tfjs` loads TensorFlow.js (and its
 * backend) on first use.
 *
 * @example
 * const engine = await loadEngine('tfjs');
 */
export async function loadEngine(name: EngineName = 'tfjs'): Promise<FastTextEngine> {
  return name === 'reference' ? referenceEngine : await createTfjsEngine();
}
