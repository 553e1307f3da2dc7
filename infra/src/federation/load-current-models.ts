import type { Kysely } from 'kysely';
import type { Database } from '@meridian/core/db/database.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { TASK_NAMES, type TaskName } from '@meridian/federation/data/index.ts';
import { deserializeModel, modelHash, type FastTextModel } from '@meridian/federation/model/index.ts';

export interface LoadedModel {
  hash: string;
  round: number | null;
  model: FastTextModel;
}

/**
 * The current global model hash of each task that has one: the coordinator's checkpoints.
 *
 * @example
 * const hashes = await currentGlobalHashes(db); // Map { 'intent' => 'ab12...', ... }
 */
export async function currentGlobalHashes(db: Kysely<Database>): Promise<Map<string, string>> {
  const chosen = new Map<string, string>();
  for (const c of await db.selectFrom('federation_checkpoints').select(['federation', 'model_hash']).execute()) chosen.set(c.federation, c.model_hash);
  return chosen;
}

/**
 * One global model from the coordinator's registry, or `undefined` when the
 * registry has no such hash. Its bytes are checked against the hash before use.
 *
 * @example
 * const m = await findGlobalModel(db, hash);
 */
export async function findGlobalModel(db: Kysely<Database>, hash: string): Promise<LoadedModel | undefined> {
  const row = await db.selectFrom('federation_models').select(['bytes', 'round']).where('hash', '=', hash).executeTakeFirst();
  if (!row) return undefined;
  if (modelHash(row.bytes) !== hash) throw new MeridianError('CONFLICT', `model ${hash} does not match its content hash`, { hash });
  return { hash, round: row.round, model: deserializeModel(row.bytes).model };
}

/**
 * The global models, from the coordinator's registry: each task's current
 * global model, unless a hash names another version. A model's bytes are
 * checked against its hash before use, and its task comes from its own spec.
 * (What a region node serves is `loadServedModels`: for some tasks, its own
 * adapted version of these.)
 *
 * @example
 * const models = await loadCurrentModels(db);
 */
export async function loadCurrentModels(db: Kysely<Database>, hashes: readonly string[] = []): Promise<Record<TaskName, LoadedModel>> {
  const chosen = await currentGlobalHashes(db);
  const out: Partial<Record<TaskName, LoadedModel>> = {};
  const load = async (hash: string): Promise<LoadedModel> => {
    const m = await findGlobalModel(db, hash);
    if (!m) throw new MeridianError('NOT_FOUND', `no model ${hash} in the registry`, { hash });
    return m;
  };
  for (const h of hashes) {
    const m = await load(h.toLowerCase());
    out[m.model.spec.task as TaskName] = m;
  }
  for (const task of TASK_NAMES) {
    if (out[task]) continue;
    const hash = chosen.get(task);
    if (!hash) throw new MeridianError('NOT_FOUND', `no ${task} model yet: run \`meridian train --tasks ${task}\` first`, { task });
    out[task] = await load(hash);
  }
  return out as Record<TaskName, LoadedModel>;
}
