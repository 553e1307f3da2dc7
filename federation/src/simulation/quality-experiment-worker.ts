import { parentPort, workerData } from 'node:worker_threads';
import type { QualityExperimentConfig } from './quality-experiment.ts';
import { runQualityExperiment } from './quality-experiment.ts';

/**
 * Worker-thread entry for `runQualityExperiment`, so a bench can run one task
 * per core (TF.js on WASM is single-threaded in Node). Posts
 * `{ type: 'log', line }` while running and `{ type: 'result', result }` at the end.
 */
const config = workerData as QualityExperimentConfig;
const result = await runQualityExperiment(config, (line) => parentPort?.postMessage({ type: 'log', line }));
parentPort?.postMessage({ type: 'result', result });
