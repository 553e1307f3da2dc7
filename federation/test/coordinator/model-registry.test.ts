import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../../test/databases.ts';
import { modelHash } from '../../src/model/model-hash.ts';
import { createPostgresModelRegistry } from '../../src/registry/postgres/postgres-model-registry.ts';
import { rawWeightsCodec } from '../../src/registry/raw-weights-codec.ts';
import type { ModelRegistry } from '../../src/registry/model-registry.ts';

describe.each(DIALECTS)('model registry on %s', (dialect) => {
  let t: TestDatabase;
  let registry: ModelRegistry;
  beforeAll(async () => {
    t = await freshDatabase(dialect);
    registry = createPostgresModelRegistry({ db: t.db, codec: rawWeightsCodec });
  });
  afterAll(() => t.close());

  it('versions by content hash: same weights, same hash, first lineage kept', async () => {
    const w0 = { a: Float32Array.of(1, 2), b: Float32Array.of(3) };
    const v0 = await registry.put(t.db, w0, { federation: 'intent', parentHash: null, round: null });
    expect(v0.hash).toBe(modelHash(rawWeightsCodec.encode(w0)));
    expect(v0).toMatchObject({ federation: 'intent', parentHash: null, round: null, codec: 'raw-weights-v1', sizeBytes: rawWeightsCodec.encode(w0).length });
    const again = await t.db.transaction().execute((trx) => registry.put(trx, { b: Float32Array.of(3), a: Float32Array.of(1, 2) }, { federation: 'intent', parentHash: 'x'.repeat(64), round: 9 }));
    expect(again).toEqual(v0);
    expect(rawWeightsCodec.decode(again.bytes)).toEqual(w0);
    const v1 = await registry.put(t.db, { a: Float32Array.of(1, 2.5), b: Float32Array.of(3) }, { federation: 'intent', parentHash: v0.hash, round: 1 });
    expect(await registry.get(v1.hash)).toEqual({ a: Float32Array.of(1, 2.5), b: Float32Array.of(3) });
    expect((await registry.history('intent')).map((v) => [v.hash, v.parentHash, v.round])).toEqual([
      [v0.hash, null, null],
      [v1.hash, v0.hash, 1],
    ]);
    expect(await registry.get('0'.repeat(64))).toBeUndefined();
    expect(await registry.get('not a hash')).toBeUndefined();
  });

  it('checks the hash on the way out, so a tampered model is never served', async () => {
    const v = await registry.put(t.db, { a: Float32Array.of(7) }, { federation: 'intent', parentHash: null, round: null });
    await sql`update federation_models set bytes = overlay(bytes placing '\\x00'::bytea from length(bytes)) where hash = ${v.hash}`.execute(t.db);
    await expect(registry.bytes(v.hash)).rejects.toMatchObject({ code: 'INTERNAL', evidence: { reason: 'hash_mismatch', expected: v.hash } });
  });

  it('refuses models written by another codec', async () => {
    const other = createPostgresModelRegistry({ db: t.db, codec: { ...rawWeightsCodec, name: 'other-v1' } });
    const v = await other.put(t.db, { z: Float32Array.of(1) }, { federation: 'intent', parentHash: null, round: null });
    await expect(registry.get(v.hash)).rejects.toMatchObject({ code: 'CONFLICT', evidence: { reason: 'codec_mismatch' } });
  });
});
