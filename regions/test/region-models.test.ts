import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS } from '../../test/databases.ts';
import { TASK_LABELS, type TaskName } from '@meridian/federation/data/index.ts';
import { initWeights, modelHash, serializeModel } from '@meridian/federation/model/index.ts';
import { referenceEngine } from '@meridian/federation/model/reference/reference-engine.ts';
import { createClassifier, createMessageClassifier } from '@meridian/federation/inference/index.ts';
import { DEFAULT_TOKENIZER_CONFIG } from '@meridian/federation/tokenizer/tokenizer-config.ts';
import type { ModelSpec } from '@meridian/federation/model/model-spec.ts';
import { isMeridianError } from '@meridian/core/errors/meridian-error.ts';
import { regionModels } from '../src/routing/region-model.repository.ts';
import { modelClassifier } from '../src/routing/model-classifier.ts';
import { ingestAtomically } from '../src/ingest/ingest-batch.ts';
import { testNode, record } from './node-fixture.ts';

const spec = (task: TaskName): ModelSpec => ({ task, labels: TASK_LABELS[task], dim: 4, tokenizer: DEFAULT_TOKENIZER_CONFIG });
const bytesOf = (task: TaskName, seed: number, meta: Record<string, string> = {}) => serializeModel({ spec: spec(task), weights: initWeights(spec(task), seed) }, meta);
const BUDGET = { epochs: 1, learningRate: 0.01, batchSize: 64 };
const BASE_A = 'a'.repeat(64);
const BASE_B = 'b'.repeat(64);

describe.each(DIALECTS)('the region model store and routing provenance on %s', (dialect) => {
  let node: Awaited<ReturnType<typeof testNode>>;
  beforeAll(async () => {
    node = await testNode('eu', dialect);
  });
  afterAll(async () => node?.close());

  it('stores a model under the SHA-256 of its bytes, once, and finds the latest adaptation of a base model', async () => {
    const first = bytesOf('sentiment', 1, { adaptedFrom: BASE_A });
    const v1 = await regionModels.save(node.db, { task: 'sentiment', baseHash: BASE_A, baseRound: 2, adaptation: BUDGET, examples: 120, bytes: first });
    expect(v1).toMatchObject({ hash: modelHash(first), task: 'sentiment', baseHash: BASE_A, baseRound: 2, adaptation: BUDGET, examples: 120, sizeBytes: first.length });
    // The same bytes again: no second row.
    await regionModels.save(node.db, { task: 'sentiment', baseHash: BASE_A, baseRound: 2, adaptation: BUDGET, examples: 120, bytes: first });
    expect((await regionModels.history(node.db, 'sentiment')).map((v) => v.hash)).toEqual([v1.hash]);

    await new Promise((r) => setTimeout(r, 5)); // created_at orders versions
    const second = bytesOf('sentiment', 2, { adaptedFrom: BASE_A });
    const v2 = await regionModels.save(node.db, { task: 'sentiment', baseHash: BASE_A, baseRound: 2, adaptation: BUDGET, examples: 130, bytes: second });
    const other = await regionModels.save(node.db, { task: 'emotion', baseHash: BASE_B, baseRound: 3, adaptation: BUDGET, examples: 90, bytes: bytesOf('emotion', 3) });
    expect((await regionModels.adaptedFrom(node.db, 'sentiment', BASE_A))?.hash).toBe(v2.hash);
    expect((await regionModels.adaptedFrom(node.db, 'emotion', BASE_B))?.hash).toBe(other.hash);
    // Another base or another task is not an adaptation of this one.
    expect(await regionModels.adaptedFrom(node.db, 'sentiment', BASE_B)).toBeUndefined();
    expect(await regionModels.adaptedFrom(node.db, 'emotion', BASE_A)).toBeUndefined();
    expect(Buffer.from((await regionModels.bytes(node.db, v2.hash))!).equals(Buffer.from(second))).toBe(true);
  });

  it('refuses bytes that no longer match their hash, and malformed hashes', async () => {
    const bytes = bytesOf('emotion', 7, { adaptedFrom: BASE_A });
    const v = await regionModels.save(node.db, { task: 'emotion', baseHash: BASE_A, baseRound: 1, adaptation: BUDGET, examples: 10, bytes });
    const tampered = bytes.slice();
    tampered[tampered.length - 1] = (tampered[tampered.length - 1]! + 1) % 256;
    await node.db.updateTable('region_models').set({ bytes: tampered }).where('hash', '=', v.hash).execute();
    const err = await regionModels.bytes(node.db, v.hash).catch((e: unknown) => e);
    expect(isMeridianError(err) && err.code).toBe('INTERNAL');
    expect(await regionModels.bytes(node.db, "x' or 1=1 --")).toBeUndefined();
    expect(await regionModels.version(node.db, 'A'.repeat(64))).toBeUndefined();
    const bad = await regionModels.save(node.db, { task: 'emotion', baseHash: 'not-a-hash', baseRound: 1, adaptation: BUDGET, examples: 1, bytes }).catch((e: unknown) => e);
    expect(isMeridianError(bad) && bad.code).toBe('BAD_INPUT');
  });

  it('stores with every routed message the hashes of the models that classified it', async () => {
    const models = { intent: bytesOf('intent', 11), sentiment: bytesOf('sentiment', 12, { adaptedFrom: BASE_A }), emotion: bytesOf('emotion', 13, { adaptedFrom: BASE_A }) };
    const set = createMessageClassifier({
      intent: createClassifier({ spec: spec('intent'), weights: initWeights(spec('intent'), 11) }, referenceEngine),
      sentiment: createClassifier({ spec: spec('sentiment'), weights: initWeights(spec('sentiment'), 12) }, referenceEngine),
      emotion: createClassifier({ spec: spec('emotion'), weights: initWeights(spec('emotion'), 13) }, referenceEngine),
    });
    const modelHashes = { intent: modelHash(models.intent), sentiment: modelHash(models.sentiment), emotion: modelHash(models.emotion) };
    const routed = await testNode('eu', dialect, { classifier: modelClassifier(set, { modelHashes }) });
    const unrouted = await testNode('eu', dialect);
    try {
      const [r] = await ingestAtomically(routed, [record('eu')]);
      const row = await routed.db.selectFrom('messages').select(['intent_model', 'sentiment_model', 'emotion_model', 'route']).where('id', '=', r!.messageId).executeTakeFirstOrThrow();
      expect(row).toEqual({ intent_model: modelHashes.intent, sentiment_model: modelHashes.sentiment, emotion_model: modelHashes.emotion, route: expect.any(String) });
      // No classifier, no models: nothing is claimed.
      const [u] = await ingestAtomically(unrouted, [record('eu')]);
      const none = await sql<{ n: number }>`select count(*)::int8 as n from messages where id = ${u!.messageId} and coalesce(intent_model, sentiment_model, emotion_model) is null`.execute(unrouted.db);
      expect(none.rows[0]?.n).toBe(1);
    } finally {
      await routed.close();
      await unrouted.close();
    }
  });
});
