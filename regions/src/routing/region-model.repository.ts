import type { DbOrTrx } from '@meridian/core/db/database.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { modelHash } from '@meridian/federation/model/model-hash.ts';

/** A model this region adapted from a global one, without its bytes. */
export interface RegionModelVersion {
  hash: string;
  task: string;
  /** The global model (coordinator registry hash) it was adapted from. */
  baseHash: string;
  baseRound: number | null;
  adaptation: { epochs: number; learningRate: number; batchSize: number };
  /** Training examples of this region it was adapted on. */
  examples: number;
  sizeBytes: number;
  createdAt: Date;
}

const HASH = /^[0-9a-f]{64}$/;
const COLUMNS = ['hash', 'task', 'base_hash', 'base_round', 'adaptation', 'examples', 'size_bytes', 'created_at'] as const;

type Row = { hash: string; task: string; base_hash: string; base_round: number | null; adaptation: RegionModelVersion['adaptation']; examples: number; size_bytes: number; created_at: Date };
const toVersion = (r: Row): RegionModelVersion => ({
  hash: r.hash,
  task: r.task,
  baseHash: r.base_hash,
  baseRound: r.base_round,
  adaptation: r.adaptation,
  examples: r.examples,
  sizeBytes: Number(r.size_bytes),
  createdAt: r.created_at,
});

/**
 * The region's own model store (`region_models` in the node's database):
 * models it adapted from a global model on its own training data, addressed
 * by content hash. Unlike the coordinator's registry, nothing here is ever
 * sent to the coordinator or another region.
 *
 * @example
 * const { hash } = await regionModels.save(node.db, { task: 'sentiment', baseHash, baseRound: 2, adaptation, examples: 4200, bytes });
 * const current = await regionModels.adaptedFrom(node.db, 'sentiment', baseHash);
 */
export const regionModels = {
  /** Stores a model's bytes under their SHA-256 (storing the same bytes twice is a no-op). */
  async save(
    db: DbOrTrx,
    m: { task: string; baseHash: string; baseRound: number | null; adaptation: RegionModelVersion['adaptation']; examples: number; bytes: Uint8Array },
  ): Promise<RegionModelVersion> {
    if (!HASH.test(m.baseHash)) throw new MeridianError('BAD_INPUT', 'base model hash is not a SHA-256 hex digest', { reason: 'bad_hash' });
    const hash = modelHash(m.bytes);
    await db
      .insertInto('region_models')
      .values({
        hash,
        task: m.task,
        base_hash: m.baseHash,
        base_round: m.baseRound,
        adaptation: JSON.stringify(m.adaptation),
        examples: m.examples,
        size_bytes: m.bytes.length,
        bytes: m.bytes,
      })
      .onConflict((oc) => oc.column('hash').doNothing())
      .execute();
    return toVersion(await db.selectFrom('region_models').select(COLUMNS).where('hash', '=', hash).executeTakeFirstOrThrow());
  },

  async version(db: DbOrTrx, hash: string): Promise<RegionModelVersion | undefined> {
    if (!HASH.test(hash)) return undefined;
    const row = await db.selectFrom('region_models').select(COLUMNS).where('hash', '=', hash).executeTakeFirst();
    return row && toVersion(row);
  },

  /** A model's bytes, checked against its hash on the way out. */
  async bytes(db: DbOrTrx, hash: string): Promise<Uint8Array | undefined> {
    if (!HASH.test(hash)) return undefined;
    const row = await db.selectFrom('region_models').select('bytes').where('hash', '=', hash).executeTakeFirst();
    if (!row) return undefined;
    const found = modelHash(row.bytes);
    if (found !== hash) throw new MeridianError('INTERNAL', `stored region model ${hash} does not match its hash`, { reason: 'hash_mismatch', expected: hash, found });
    return row.bytes;
  },

  /** The latest model this region adapted for `task` from global model `baseHash`, if any. */
  async adaptedFrom(db: DbOrTrx, task: string, baseHash: string): Promise<RegionModelVersion | undefined> {
    const row = await db
      .selectFrom('region_models')
      .select(COLUMNS)
      .where('task', '=', task)
      .where('base_hash', '=', baseHash)
      .orderBy('created_at', 'desc')
      .orderBy('hash')
      .limit(1)
      .executeTakeFirst();
    return row && toVersion(row);
  },

  /** Every model in the store, oldest first. */
  /**
   * Deletes a task's adaptations of global models no longer in `keptBaseHashes`
   * (e.g. purged by unlearning: they may carry an erased subject's influence).
   * Returns how many were deleted.
   */
  async pruneExcept(db: DbOrTrx, task: string, keptBaseHashes: readonly string[]): Promise<number> {
    let q = db.deleteFrom('region_models').where('task', '=', task);
    if (keptBaseHashes.length) q = q.where('base_hash', 'not in', keptBaseHashes);
    return Number((await q.executeTakeFirst()).numDeletedRows);
  },

  async history(db: DbOrTrx, task?: string): Promise<RegionModelVersion[]> {
    let q = db.selectFrom('region_models').select(COLUMNS);
    if (task) q = q.where('task', '=', task);
    return (await q.orderBy('created_at').orderBy('hash').execute()).map(toVersion);
  },
};
