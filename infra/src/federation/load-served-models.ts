import type { Kysely } from 'kysely';
import type { Database, DbOrTrx } from '@meridian/core/db/database.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { Region } from '@meridian/core/policy/region-profile.ts';
import { adaptationOf, TASK_NAMES, type TaskName } from '@meridian/federation/data/index.ts';
import { deserializeModel } from '@meridian/federation/model/index.ts';
import { regionModels } from '@meridian/regions/routing/region-model.repository.ts';
import { currentGlobalHashes, findGlobalModel, type LoadedModel } from './load-current-models.ts';

/** A model a node serves, and where it comes from. */
export interface ServedModel extends LoadedModel {
  /** `global`: the coordinator's model as is; `region-adapted`: this region's adaptation of `baseHash`. */
  origin: 'global' | 'region-adapted';
  /** The global model it is, or was adapted from. */
  baseHash: string;
}

export interface LoadServedModelsOptions {
  /** The coordinator's database (its model registry and checkpoints). */
  coordinatorDb: Kysely<Database>;
  /** The region whose node serves, and its own database. Without them: the global models only. */
  region?: Region;
  regionDb?: DbOrTrx;
  /** Model versions to use instead of the current ones (global hashes, or this region's adapted hashes). */
  hashes?: readonly string[];
  /** Global models already loaded, by hash: regions serving the same global model share one copy. */
  globals?: Map<string, LoadedModel>;
}

/**
 * What a region node serves, per task (`TASK_PERSONALIZATION`): the current
 * global model for a task served global; for a task served with local
 * adaptation, the model this region adapted from the current global model,
 * read from its own store. A hash in `hashes` pins a version instead, looked
 * up in the coordinator's registry, then in the region's store. Every model's
 * bytes are checked against its hash; a missing one is a typed NOT_FOUND,
 * never a silent fallback to a model that was not measured.
 *
 * @example
 * const served = await loadServedModels({ coordinatorDb, region: 'eu', regionDb: node.db });
 * served.sentiment.origin; // 'region-adapted'
 */
export async function loadServedModels(opts: LoadServedModelsOptions): Promise<Record<TaskName, ServedModel>> {
  const { coordinatorDb, regionDb, region } = opts;
  const out: Partial<Record<TaskName, ServedModel>> = {};
  for (const raw of opts.hashes ?? []) {
    const hash = raw.toLowerCase();
    const m = await findPinned(coordinatorDb, regionDb, hash);
    if (!m) {
      throw new MeridianError(
        'NOT_FOUND',
        regionDb ? `no model ${hash} in the registry or in the ${region} store` : `no model ${hash} in the registry (a region-adapted model is only in its region's store: add --region)`,
        { hash },
      );
    }
    out[m.model.spec.task as TaskName] = m;
  }
  const current = await currentGlobalHashes(coordinatorDb);
  for (const task of TASK_NAMES) {
    if (out[task]) continue;
    const globalHash = current.get(task);
    if (!globalHash) throw new MeridianError('NOT_FOUND', `no ${task} model yet: run \`meridian train --tasks ${task}\` first`, { task });
    if (regionDb && adaptationOf(task)) {
      const adapted = await regionModels.adaptedFrom(regionDb, task, globalHash);
      if (!adapted) {
        throw new MeridianError('NOT_FOUND', `${region} has no ${task} model adapted from the current global model ${globalHash.slice(0, 12)}: run \`meridian train\` or start the nodes to adapt it`, {
          reason: 'not_adapted',
          task,
          baseHash: globalHash,
        });
      }
      out[task] = await loadAdapted(regionDb, adapted.hash);
      continue;
    }
    const global = opts.globals?.get(globalHash) ?? (await findGlobalModel(coordinatorDb, globalHash));
    if (!global) throw new MeridianError('NOT_FOUND', `no model ${globalHash} in the registry`, { hash: globalHash });
    opts.globals?.set(globalHash, global);
    out[task] = { ...global, origin: 'global', baseHash: global.hash };
  }
  return out as Record<TaskName, ServedModel>;
}

async function findPinned(coordinatorDb: Kysely<Database>, regionDb: DbOrTrx | undefined, hash: string): Promise<ServedModel | undefined> {
  const global = await findGlobalModel(coordinatorDb, hash);
  if (global) return { ...global, origin: 'global', baseHash: global.hash };
  if (regionDb && (await regionModels.version(regionDb, hash))) return loadAdapted(regionDb, hash);
  return undefined;
}

async function loadAdapted(db: DbOrTrx, hash: string): Promise<ServedModel> {
  const version = await regionModels.version(db, hash);
  const bytes = await regionModels.bytes(db, hash);
  if (!version || !bytes) throw new MeridianError('NOT_FOUND', `no model ${hash} in the region store`, { hash });
  return { hash, round: version.baseRound, model: deserializeModel(bytes).model, origin: 'region-adapted', baseHash: version.baseHash };
}
