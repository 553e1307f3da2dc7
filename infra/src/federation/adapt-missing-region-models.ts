import type { Kysely } from 'kysely';
import type { Database, DbOrTrx } from '@meridian/core/db/database.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { Region } from '@meridian/core/policy/region-profile.ts';
import { adaptationOf, loadRegionData, TASK_NAMES, type TaskName } from '@meridian/federation/data/index.ts';
import type { FastTextEngine } from '@meridian/federation/model/index.ts';
import type { ModelSpec } from '@meridian/federation/model/model-spec.ts';
import { featurizeExamples, type TrainingExample } from '@meridian/federation/training/index.ts';
import { regionModels, type RegionModelVersion } from '@meridian/regions/routing/region-model.repository.ts';
import { adaptRegionModel } from './adapt-region-model.ts';
import { currentGlobalHashes, findGlobalModel } from './load-current-models.ts';

export interface AdaptMissingOptions {
  coordinatorDb: Kysely<Database>;
  region: Region;
  /** The region's own database. */
  regionDb: DbOrTrx;
  engine: FastTextEngine;
  /** The region's training examples for a task; default: its share of shared/data (what the local launch trains on). */
  examplesFor?: (task: TaskName, spec: ModelSpec) => Promise<readonly TrainingExample[]>;
  /** Caps each shared/data source for the default examples. */
  maxTrainPerSource?: number;
  onAdapted?: (task: TaskName, version: RegionModelVersion) => void;
}

/**
 * Makes sure a region's store holds its adaptation of every current global
 * model it serves adapted, adapting (inside the region, on its own data) only
 * those it lacks: after `meridian train` they are all there and nothing runs;
 * a data directory from before adaptation existed gets them once. Returns the
 * models it adapted now.
 *
 * @example
 * await adaptMissingRegionModels({ coordinatorDb, region: 'eu', regionDb: store.db, engine });
 */
export async function adaptMissingRegionModels(opts: AdaptMissingOptions): Promise<RegionModelVersion[]> {
  const current = await currentGlobalHashes(opts.coordinatorDb);
  const made: RegionModelVersion[] = [];
  for (const task of TASK_NAMES) {
    const baseHash = current.get(task);
    if (!adaptationOf(task) || !baseHash) continue;
    if (await regionModels.adaptedFrom(opts.regionDb, task, baseHash)) continue;
    const base = await findGlobalModel(opts.coordinatorDb, baseHash);
    if (!base) throw new MeridianError('NOT_FOUND', `no model ${baseHash} in the registry`, { hash: baseHash });
    const spec = base.model.spec;
    const examples = opts.examplesFor
      ? await opts.examplesFor(task, spec)
      : featurizeExamples(loadRegionData(task, { maxTrainPerSource: opts.maxTrainPerSource }).regions[opts.region].train, spec.tokenizer);
    const version = await adaptRegionModel({ db: opts.regionDb, region: opts.region, spec, base: { hash: baseHash, round: base.round, weights: base.model.weights }, examples, engine: opts.engine });
    if (version) {
      made.push(version);
      opts.onAdapted?.(task, version);
    }
  }
  return made;
}
