import type { Kysely } from 'kysely';
import type { Database } from '@meridian/core/db/database.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { REGIONS, type Region } from '@meridian/core/policy/region-profile.ts';
import { adaptationOf, type TaskName } from '@meridian/federation/data/index.ts';
import type { FastTextEngine } from '@meridian/federation/model/index.ts';
import type { ModelSpec } from '@meridian/federation/model/model-spec.ts';
import type { TrainingExample } from '@meridian/federation/training/index.ts';
import type { RegionNode } from '@meridian/regions/node/region-node.ts';
import { regionModels } from '@meridian/regions/routing/region-model.repository.ts';
import { adaptRegionModel } from './adapt-region-model.ts';
import { findGlobalModel } from './load-current-models.ts';

/** One region's adaptation of a federation after unlearning. */
export interface RebuiltAdaptation {
  region: Region;
  task: TaskName;
  /** The new global model it was adapted from. */
  baseHash: string;
  hash: string;
  /** Adapted models deleted because their global model was purged (it held erased data). */
  deleted: number;
}

export interface RebuildAdaptedOptions {
  coordinatorDb: Kysely<Database>;
  nodes: Partial<Record<Region, RegionNode>>;
  task: TaskName;
  engine: FastTextEngine;
  /** The region's examples to adapt on: those of the federation's last round, as training adapted on them. */
  examplesFor: (region: Region, node: RegionNode, spec: ModelSpec) => Promise<readonly TrainingExample[]>;
}

/**
 * After an unlearning run replaced a federation's global model: each region
 * adapts the new global model on its own data (a task served with local
 * adaptation only) and deletes its adaptations of global models the run
 * purged from the registry, which may carry the erased subjects' influence.
 * A node then serves the new adaptation (`loadServedModels` picks the one of
 * the current global model).
 *
 * @example
 * await rebuildAdaptedModels({ coordinatorDb, nodes, task: 'sentiment', engine, examplesFor });
 */
export async function rebuildAdaptedModels(opts: RebuildAdaptedOptions): Promise<RebuiltAdaptation[]> {
  if (!adaptationOf(opts.task)) return [];
  const checkpoint = await opts.coordinatorDb.selectFrom('federation_checkpoints').select(['round', 'model_hash']).where('federation', '=', opts.task).executeTakeFirst();
  const base = checkpoint && (await findGlobalModel(opts.coordinatorDb, checkpoint.model_hash));
  if (!checkpoint || !base) throw new MeridianError('NOT_FOUND', `no current ${opts.task} model to adapt`, { reason: 'no_global_model', task: opts.task });
  const kept = (await opts.coordinatorDb.selectFrom('federation_models').select('hash').where('federation', '=', opts.task).execute()).map((r) => r.hash);
  const out: RebuiltAdaptation[] = [];
  for (const region of REGIONS) {
    const node = opts.nodes[region];
    if (!node) continue;
    const spec = base.model.spec;
    const examples = await opts.examplesFor(region, node, spec);
    const version = await adaptRegionModel({ db: node.db, region, spec, base: { hash: checkpoint.model_hash, round: checkpoint.round, weights: base.model.weights }, examples, engine: opts.engine });
    if (!version) continue;
    const deleted = await regionModels.pruneExcept(node.db, opts.task, kept);
    out.push({ region, task: opts.task, baseHash: checkpoint.model_hash, hash: version.hash, deleted });
  }
  return out;
}
