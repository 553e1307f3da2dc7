import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { decodeLeaf } from '@meridian/audit/ledger/decode-leaf.ts';
import { postgresLedger } from '@meridian/audit/ledger/postgres/postgres-ledger.ts';
import { ed25519NoteSigner } from '@meridian/audit/note/ed25519-note-signer.ts';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../../test/databases.ts';
import { initWeights } from '../../src/model/init-weights.ts';
import { fastTextModelCodec } from '../../src/registry/fasttext-model-codec.ts';
import { createPostgresModelRegistry } from '../../src/registry/postgres/postgres-model-registry.ts';
import type { TrainingExample } from '../../src/training/training-example.ts';
import { unlearnFederation } from '../../src/unlearning/unlearn-federation.ts';
import { plainReplayAggregation, secureReplayAggregation } from '../../src/unlearning/replay-aggregation.ts';
import { createTestPki, type TestPki } from '../coordinator/support/test-pki.ts';
import { trainOverProtocol } from './support/train-over-protocol.ts';
import { launcherStrategy, tinyCorpus, tinyTrainer, TINY_SPEC } from './support/tiny-federation.ts';

const ROUNDS = 3;
const codec = fastTextModelCodec(TINY_SPEC);
const init = initWeights(TINY_SPEC, 1);
const corpus = { eu: tinyCorpus('eu', 24), sea: tinyCorpus('sea', 18) };
/** Erased in the first unlearning: five eu subjects who only joined in round 2. */
const erasedFirst = new Set(['eu-s3', 'eu-s7', 'eu-s11', 'eu-s12', 'eu-s20']);
/** Erased in the second: two sea subjects, in every round. */
const erasedSecond = new Set(['sea-s4', 'sea-s9']);
const without = (xs: readonly TrainingExample[], ...gone: Set<string>[]) => xs.filter((x) => !gone.some((g) => g.has(x.subjectId)));

let pki: TestPki;
beforeAll(() => {
  pki = createTestPki(['eu', 'sea']);
});

describe.each(DIALECTS.flatMap((dialect) => [true, false].map((secure) => ({ dialect, secure }))))(
  'rollback and retrain forward over the real protocol ($dialect, secure aggregation: $secure)',
  ({ dialect, secure }) => {
    const dbs: TestDatabase[] = [];
    const fresh = async () => {
      const t = await freshDatabase(dialect);
      dbs.push(t);
      return t;
    };
    afterAll(async () => {
      for (const t of dbs) await t.close();
    });
    const train = (db: TestDatabase, data: { eu: (round: number) => readonly TrainingExample[]; sea: (round: number) => readonly TrainingExample[] }) =>
      trainOverProtocol({ db: db.db, pki, initialWeights: init, strategy: launcherStrategy(ROUNDS), rounds: ROUNDS, secure, codec, trainers: { eu: tinyTrainer('eu', data.eu), sea: tinyTrainer('sea', data.sea) } });
    const aggregation = () => (secure ? secureReplayAggregation(launcherStrategy(ROUNDS)) : plainReplayAggregation(launcherStrategy(ROUNDS)));

    it('ends on exactly the model a training that never saw the erased subjects ends on; a second erasure chains from the retrained models', async () => {
      const t = await fresh();
      const ledger = postgresLedger({ db: t.db, signer: ed25519NoteSigner('meridian.test/ledger/coordinator-unlearning', generateKeyPairSync('ed25519').privateKey) });
      const registry = createPostgresModelRegistry({ db: t.db, codec });
      // The original federation: the first erased subjects trained rounds 2 and 3.
      const original = await train(t, { eu: (r) => (r === 1 ? without(corpus.eu, erasedFirst) : corpus.eu), sea: () => corpus.sea });
      const roundOneModel = (await t.db.selectFrom('federation_rounds').select('model_out').where('round', '=', 1).executeTakeFirstOrThrow()).model_out!;
      const replacedModels = (await t.db.selectFrom('federation_rounds').select('model_out').where('round', '>=', 2).execute()).map((r) => r.model_out!);

      // Erasure: the nodes no longer hold those subjects; the replay trains on what remains.
      const participants = (gone: Set<string>[]) => [
        { region: 'eu', trainer: tinyTrainer('eu', () => without(corpus.eu, ...gone)) },
        { region: 'sea', trainer: tinyTrainer('sea', () => without(corpus.sea, ...gone)) },
      ];
      const first = { db: t.db, registry, federation: 'intent', runId: 'run-1', affected: [{ region: 'eu', rounds: [2, 3] }], participants: participants([erasedFirst]), aggregation: aggregation(), strategy: launcherStrategy(ROUNDS), ledger };
      const outcome = await unlearnFederation(first);
      expect(outcome).toMatchObject({ kind: 'retrained', rolledBackTo: 1, affectedRounds: [2, 3], retrainedRounds: 2, toRound: 3, previousModelHash: original.modelHash, exactness: 'exact', purgedModels: 2 });

      const control = await train(await fresh(), { eu: () => without(corpus.eu, erasedFirst), sea: () => corpus.sea });
      expect(outcome.kind === 'retrained' && outcome.modelHash).toBe(control.modelHash);
      expect(control.modelHash).not.toBe(original.modelHash);
      expect((await t.db.selectFrom('federation_checkpoints').select('model_hash').executeTakeFirstOrThrow()).model_hash).toBe(control.modelHash);
      // The models that held the erased data are gone from the registry; the one before them stays.
      for (const h of replacedModels) expect(await registry.version(h)).toBeUndefined();
      expect(await registry.version(roundOneModel)).toBeDefined();
      // Proven on the coordinator's ledger, once.
      const leaves = (await ledger.entries(0, await ledger.size())).map((e) => decodeLeaf(e.leaf)).filter((l) => l.type === 'model_release');
      expect(leaves.map((l) => [l.refId, l.meta])).toEqual([['intent:unlearning:1', { action: 'unlearned', federation: 'intent', generation: 1, rolledBackTo: 1, retrainedRounds: 2, modelIn: original.modelHash, modelOut: control.modelHash }]]);

      // Asked again (a worker that crashed after the commit): the same answer, nothing redone.
      expect(await unlearnFederation({ ...first, participants: [] })).toMatchObject({ kind: 'retrained', generation: 1, modelHash: control.modelHash });
      expect(await ledger.size()).toBe((await ledger.entries(0, await ledger.size())).length);
      expect((await ledger.entries(0, await ledger.size())).map((e) => decodeLeaf(e.leaf)).filter((l) => l.type === 'model_release')).toHaveLength(1);

      // A second erasure (sea, every round) rolls back to the initial model and replays the retrained chain's rounds.
      const second = await unlearnFederation({ ...first, runId: 'run-2', affected: [{ region: 'sea', rounds: [1, 2, 3] }], participants: participants([erasedFirst, erasedSecond]) });
      const control2 = await train(await fresh(), { eu: () => without(corpus.eu, erasedFirst), sea: () => without(corpus.sea, erasedSecond) });
      expect(second).toMatchObject({ kind: 'retrained', generation: 2, rolledBackTo: 0, retrainedRounds: 3, previousModelHash: control.modelHash, modelHash: control2.modelHash });
    }, 120_000);
  },
);
