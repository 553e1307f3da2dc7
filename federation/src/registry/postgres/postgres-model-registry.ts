import type { Kysely } from 'kysely';
import type { Database } from '@meridian/core/db/database.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { modelHash } from '../../model/model-hash.ts';
import type { ModelCodec } from '../model-codec.ts';
import type { ModelRegistry } from '../model-registry.ts';
import type { ModelVersion } from '../model-version.ts';

export interface PostgresModelRegistryOptions {
  /** The coordinator's database (reads); writes use the caller's `db | trx`. */
  db: Kysely<Database>;
  codec: ModelCodec;
}

const HASH = /^[0-9a-f]{64}$/;

/**
 * The model registry in the coordinator's Postgres (or PGlite):
 * `federation_models`, bytes in a `bytea` column. Models of tens of MB fit
 * Postgres comfortably; an object store would implement the same contract.
 *
 * @example
 * const registry = createPostgresModelRegistry({ db, codec: rawWeightsCodec });
 * const { hash } = await registry.put(db, weights, { federation: 'intent', parentHash: null, round: null });
 */
export function createPostgresModelRegistry(options: PostgresModelRegistryOptions): ModelRegistry {
  const { db, codec } = options;
  const columns = ['hash', 'federation', 'parent_hash', 'round', 'codec', 'size_bytes', 'created_at'] as const;
  const toVersion = (r: { hash: string; federation: string; parent_hash: string | null; round: number | null; codec: string; size_bytes: number; created_at: Date }): ModelVersion => ({
    hash: r.hash,
    federation: r.federation,
    parentHash: r.parent_hash,
    round: r.round,
    codec: r.codec,
    sizeBytes: Number(r.size_bytes),
    createdAt: r.created_at,
  });
  const version = async (hash: string): Promise<ModelVersion | undefined> => {
    if (!HASH.test(hash)) return undefined;
    const row = await db.selectFrom('federation_models').select(columns).where('hash', '=', hash).executeTakeFirst();
    return row && toVersion(row);
  };
  const bytes = async (hash: string): Promise<Uint8Array | undefined> => {
    if (!HASH.test(hash)) return undefined;
    const row = await db.selectFrom('federation_models').select(['bytes', 'codec']).where('hash', '=', hash).executeTakeFirst();
    if (!row) return undefined;
    if (row.codec !== codec.name) throw new MeridianError('CONFLICT', `model ${hash} was stored with codec ${row.codec}, not ${codec.name}`, { reason: 'codec_mismatch', hash, stored: row.codec, expected: codec.name });
    // Content addressing is only worth something if it is checked on the way out too.
    const found = modelHash(row.bytes);
    if (found !== hash) throw new MeridianError('INTERNAL', `stored model ${hash} does not match its hash`, { reason: 'hash_mismatch', expected: hash, found });
    return row.bytes;
  };
  return {
    codec,
    async put(q, weights, lineage) {
      const encoded = codec.encode(weights);
      const hash = modelHash(encoded);
      await q
        .insertInto('federation_models')
        .values({ hash, federation: lineage.federation, parent_hash: lineage.parentHash, round: lineage.round, codec: codec.name, size_bytes: encoded.length, bytes: encoded })
        .onConflict((oc) => oc.column('hash').doNothing())
        .execute();
      const row = await q.selectFrom('federation_models').select(columns).where('hash', '=', hash).executeTakeFirstOrThrow();
      return { ...toVersion(row), bytes: encoded };
    },
    bytes,
    async get(hash) {
      const b = await bytes(hash);
      return b && codec.decode(b);
    },
    version,
    async history(federation) {
      const rows = await db.selectFrom('federation_models').select(columns).where('federation', '=', federation).orderBy('created_at').orderBy('round').execute();
      return rows.map(toVersion);
    },
  };
}
