import type { FastTextEngine } from '../model/fasttext-engine.ts';
import type { ModelSpec } from '../model/model-spec.ts';
import type { Weights } from '../model/weights.ts';
import type { FitResult, Strategy } from '../strategy/strategy.ts';
import type { ClassificationReport } from '../training/classification-metrics.ts';
import type { EvaluationExample } from '../training/evaluate-model.ts';
import { evaluateModel } from '../training/evaluate-model.ts';
import type { LocalTrainingOptions } from '../training/train-local.ts';
import { trainLocal } from '../training/train-local.ts';
import type { TrainingExample } from '../training/training-example.ts';

/** One simulated participant: its training data and held-out test set. */
export interface SimulatedRegion {
  region: string;
  train: readonly TrainingExample[];
  test: readonly EvaluationExample[];
}

export interface SimulationOptions {
  spec: ModelSpec;
  regions: readonly SimulatedRegion[];
  strategy: Strategy;
  rounds: number;
  /** Engine of local training. */
  engine: FastTextEngine;
  /** Engine of the per-round evaluation (default: `engine`). */
  evaluationEngine?: FastTextEngine;
  initialWeights: Weights;
  seed?: number;
  /** Regions that "drop" in a round: they train nothing and are reported as failures. */
  dropout?: (round: number, region: string) => boolean;
  /** Extra options for local training (e.g. a DP gradient transform, a subject planner). */
  localOptions?: Partial<Pick<LocalTrainingOptions, 'planner' | 'transform'>>;
  onStep?: (region: string, round: number, done: number, total: number) => void;
  onRound?: (report: RoundReport) => void;
}

/** What happened in one round. */
export interface RoundReport {
  round: number;
  seconds: number;
  /** Local training per region that returned. */
  fit: Record<string, { seconds: number; loss: number; numExamples: number; touchedRows: number }>;
  failures: string[];
  /** The new global model on each region's held-out split. */
  evaluation: Record<string, { accuracy: number; macroF1: number }>;
}

export interface SimulationResult {
  weights: Weights;
  rounds: RoundReport[];
  /** Full reports (per class) of the final global model per region. */
  final: Record<string, ClassificationReport>;
}

/**
 * Runs R federated rounds over regions in one process (for tests and benches):
 * each round asks the strategy for the FitConfig, trains every region from the
 * global weights with `trainLocal`, aggregates, and evaluates the new global
 * model on every region's test split. The networked coordinator runs the same
 * loop over mTLS; this one only skips the transport. Regions train one after
 * the other (TF.js on WASM is single-threaded; run regions in separate
 * processes to use more cores).
 *
 * @example
 * const result = await simulateFederation({ spec, regions, strategy: createFedAvg({ schedule }), rounds: 10, engine, initialWeights: initWeights(spec, 1) });
 * result.rounds.at(-1)?.evaluation.eu.accuracy;
 */
export async function simulateFederation(options: SimulationOptions): Promise<SimulationResult> {
  const evalEngine = options.evaluationEngine ?? options.engine;
  let global = options.initialWeights;
  const reports: RoundReport[] = [];
  let final: Record<string, ClassificationReport> = {};
  for (let round = 1; round <= options.rounds; round++) {
    const started = performance.now();
    const config = options.strategy.configureFit(round);
    const results: FitResult[] = [];
    const failures: string[] = [];
    for (const [k, r] of options.regions.entries()) {
      if (options.dropout?.(round, r.region)) {
        failures.push(r.region);
        continue;
      }
      results.push(
        await trainLocal(global, r.train, config, {
          spec: options.spec,
          region: r.region,
          engine: options.engine,
          seed: (options.seed ?? 0) * 1_000_003 + round * 101 + k,
          ...options.localOptions,
          onStep: options.onStep ? (d, t) => options.onStep?.(r.region, round, d, t) : undefined,
        }),
      );
    }
    global = options.strategy.aggregate(round, global, results, failures);
    final = Object.fromEntries(options.regions.map((r) => [r.region, evaluateModel(global, options.spec, r.test, evalEngine)]));
    const report: RoundReport = {
      round,
      seconds: (performance.now() - started) / 1000,
      fit: Object.fromEntries(
        results.map((f) => [f.region, { seconds: f.metrics?.seconds ?? 0, loss: f.metrics?.loss ?? 0, numExamples: f.numExamples, touchedRows: f.metrics?.touchedRows ?? 0 }]),
      ),
      failures,
      evaluation: Object.fromEntries(Object.entries(final).map(([k, v]) => [k, { accuracy: v.accuracy, macroF1: v.macroF1 }])),
    };
    reports.push(report);
    options.onRound?.(report);
  }
  return { weights: global, rounds: reports, final };
}
