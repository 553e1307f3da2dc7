import type { DbOrTrx } from '@meridian/core/db/database.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { REGIONS, type Region } from '@meridian/core/policy/region-profile.ts';
import { adaptationOf, type TaskName } from '@meridian/federation/data/index.ts';
import { serializeModel, type FastTextEngine, type Weights } from '@meridian/federation/model/index.ts';
import type { ModelSpec } from '@meridian/federation/model/model-spec.ts';
import { adaptLocally, type LocalAdaptation } from '@meridian/federation/simulation/adapt-locally.ts';
import type { TrainingExample } from '@meridian/federation/training/index.ts';
import { regionModels, type RegionModelVersion } from '@meridian/regions/routing/region-model.repository.ts';

export interface AdaptedModelOptions {
  region: Region;
  spec: ModelSpec;
  /** The global model to adapt, as the coordinator's registry names it. */
  base: { hash: string; round: number | null; weights: Weights };
  /** This region's own training examples. */
  examples: readonly TrainingExample[];
  engine: FastTextEngine;
}

export interface AdaptRegionModelOptions extends AdaptedModelOptions {
  /** The region's own database: the adapted model is stored there and nowhere else. */
  db: DbOrTrx;
}

/**
 * The bytes of a global model adapted on one region's own training data with
 * the budget its task is served with (`TASK_PERSONALIZATION`), or `undefined`
 * for a task served as the global model. The bytes' metadata name the base
 * global model and the region, so the content hash does too. Deterministic:
 * the same base model and examples give the same bytes.
 *
 * @example
 * const adapted = await adaptedModelBytes({ region: 'eu', spec, base: { hash, round: 2, weights }, examples, engine });
 * adapted && modelHash(adapted.bytes);
 */
export async function adaptedModelBytes(opts: AdaptedModelOptions): Promise<{ bytes: Uint8Array; budget: LocalAdaptation } | undefined> {
  const task = opts.spec.task as TaskName;
  const budget = adaptationOf(task);
  if (!budget) return undefined;
  if (!opts.examples.length) {
    throw new MeridianError('BAD_INPUT', `${opts.region} has no ${task} training examples to adapt the global model on`, { reason: 'no_examples', region: opts.region, task });
  }
  // One fixed batch order per region, as the quality bench uses one per region.
  const seed = REGIONS.indexOf(opts.region) + 1;
  const weights = await adaptLocally(opts.base.weights, opts.examples, budget, opts.spec, opts.engine, seed);
  const bytes = serializeModel({ spec: opts.spec, weights }, { task, region: opts.region, adaptedFrom: opts.base.hash, ...(opts.base.round === null ? {} : { baseRound: opts.base.round }) });
  return { bytes, budget };
}

/**
 * Adapts a global model on one region's own training data (`adaptedModelBytes`),
 * inside the region, and stores the result in the region's own store,
 * versioned by content hash with the global model it came from. Returns
 * `undefined` for a task served as the global model.
 *
 * @example
 * const v = await adaptRegionModel({ db: node.db, region: 'eu', spec, base: { hash, round: 2, weights }, examples, engine });
 * v?.baseHash === hash;
 */
export async function adaptRegionModel(opts: AdaptRegionModelOptions): Promise<RegionModelVersion | undefined> {
  const adapted = await adaptedModelBytes(opts);
  if (!adapted) return undefined;
  return regionModels.save(opts.db, { task: opts.spec.task, baseHash: opts.base.hash, baseRound: opts.base.round, adaptation: { ...adapted.budget }, examples: opts.examples.length, bytes: adapted.bytes });
}
