import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWithCli } from '../../../test/verify-with-cli.ts';
import { generateKeyPairSync } from 'node:crypto';
import { sql } from 'kysely';
import { decodeLeaf } from '@meridian/audit/ledger/decode-leaf.ts';
import { postgresLedger } from '@meridian/audit/ledger/postgres/postgres-ledger.ts';
import { ed25519NoteSigner } from '@meridian/audit/note/ed25519-note-signer.ts';
import { createWitness } from '@meridian/audit/witness/create-witness.ts';
import { requestCosignatures } from '@meridian/audit/witness/request-cosignatures.ts';
import { initWeights } from '@meridian/federation/model/init-weights.ts';
import { createMemoryPrivacySpendStore } from '@meridian/federation/privacy/memory-privacy-spend-store.ts';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../../test/databases.ts';
import { createTestPki, type TestPki } from '../../../federation/test/coordinator/support/test-pki.ts';
import { trainOverProtocol } from '../../../federation/test/unlearning/support/train-over-protocol.ts';
import { ingestAtomically } from '../../src/ingest/ingest-batch.ts';
import { runRightsWorker } from '../../src/rights/run-rights-worker.ts';
import { rightsRequests } from '../../src/rights/rights-request.repository.ts';
import { completionCertificate } from '../../src/rights/completion-certificate.ts';
import { nodeVerifierKeys } from '../../src/node/node-verifier-keys.ts';
import { createInProcessRetrainer } from '../../src/rights/unlearning/in-process-retrainer.ts';
import { runUnlearningWorker } from '../../src/rights/unlearning/run-unlearning-worker.ts';
import { nextUnlearningBatch } from '../../src/rights/unlearning/unlearning-policy.ts';
import { trainingLineage } from '../../src/training/training-lineage.repository.ts';
import { trainingShards } from '../../src/training/training-shard.ts';
import type { ModelUnlearningStatement } from '../../src/rights/unlearning/unlearning-statement.ts';
import { testNode } from '../node-fixture.ts';
import { approvedRequest, memoryNotifier } from './rights-fixture.ts';
import { CODEC, nodeTrainer, referenceEngine, replaySetup, ROUNDS, seedCorpus, TINY_SPEC, trainingCustomer, launcherStrategy } from './unlearning-fixture.ts';


let pki: TestPki;
beforeAll(() => {
  pki = createTestPki(['eu', 'sea']);
});

describe.each(DIALECTS)('model unlearning after erasure, region nodes and coordinator on %s', (dialect) => {
  let eu: Awaited<ReturnType<typeof testNode>>;
  let sea: Awaited<ReturnType<typeof testNode>>;
  const coordinators: TestDatabase[] = [];
  const notifier = memoryNotifier();
  const X = { externalId: 'unlearn-x', email: 'unlearn-x@example.org' };
  const Y = { externalId: 'unlearn-y', email: 'unlearn-y@example.org' };
  let subjectX = '';
  let originalHash = '';
  let coordinator: TestDatabase;
  const coordinatorLedger = () => postgresLedger({ db: coordinator.db, signer: ed25519NoteSigner('meridian.test/ledger/coordinator', generateKeyPairSync('ed25519').privateKey) });
  const train = async (db: TestDatabase, recordLineage: boolean) =>
    (await trainOverProtocol({ db: db.db, pki, initialWeights: initWeights(TINY_SPEC, 1), strategy: launcherStrategy(ROUNDS), rounds: ROUNDS, secure: true, codec: CODEC, trainers: { eu: nodeTrainer(eu, 'eu', { recordLineage }), sea: nodeTrainer(sea, 'sea', { recordLineage }) } })).modelHash;
  const checkpoint = async () => (await coordinator.db.selectFrom('federation_checkpoints').select(['round', 'model_hash']).executeTakeFirstOrThrow());
  const retrainer = () => createInProcessRetrainer({ coordinator: { db: coordinator.db, ledger: coordinatorLedger() }, nodes: { eu, sea }, federations: replaySetup(), engine: referenceEngine });
  let witnessed: () => Promise<void>;
  /** A certificate signs a checkpoint; the other region's witness cosigns it, as in a running federation. */
  const certificate = async (requestId: string, opts?: Parameters<typeof completionCertificate>[3]) => {
    const cert = await completionCertificate(eu, eu.ledger, requestId, opts);
    await witnessed();
    return cert;
  };
  const gauge = async (name: string) => (await eu.metrics.registry.getSingleMetric(name)!.get()).values.map((v) => ({ labels: v.labels, value: v.value }));
  const unlearnedEvents = async (requestId: string) => (await eu.ledger.entriesByRef(requestId)).map((e) => decodeLeaf(e.leaf)).filter((l) => l.meta?.action === 'unlearned' || l.meta?.action === 'unlearning_not_needed');

  beforeAll(async () => {
    [eu, sea] = await Promise.all([testNode('eu', dialect), testNode('sea', dialect)]);
    coordinator = await freshDatabase(dialect);
    coordinators.push(coordinator);
    await seedCorpus(eu, 'eu', 14);
    await seedCorpus(sea, 'sea', 10);
    const [x] = await ingestAtomically(eu, trainingCustomer('eu', X.externalId, { email: X.email }));
    subjectX = x!.subjectId;
    // Y wrote to the service but never consented to training: no round holds them.
    await ingestAtomically(eu, trainingCustomer('eu', Y.externalId, { email: Y.email, consent: false }));
    originalHash = await train(coordinator, true);
    const keys = { eu: nodeVerifierKeys(eu), sea: nodeVerifierKeys(sea) };
    const witness = createWitness({ db: sea.db, cosigner: sea.witnessCosigner, logs: [keys.eu.log] });
    witnessed = async () => {
      expect((await requestCosignatures(eu.ledger, [witness], [keys.sea.witness])).failures).toEqual([]);
    };
  }, 120_000);
  afterAll(async () => {
    await Promise.all([eu?.close(), sea?.close()]);
    for (const c of coordinators) await c.close();
  });

  it('lineage records, per round, each subject with its SISA shard (a keyed hash of the id)', async () => {
    const rows = await eu.db.selectFrom('training_lineage').select(['round', 'messages', 'shard']).where('subject_id', '=', subjectX).orderBy('round').execute();
    const shard = trainingShards(eu.keyring.blindIndexKey)(subjectX);
    expect(rows).toEqual([1, 2, 3].map((round) => ({ round, messages: 3, shard })));
    // Keyed: another region's key puts the same id elsewhere for some ids (the split is not a public function of the id).
    const ids = (await eu.db.selectFrom('training_lineage').select('subject_id').distinct().execute()).map((r) => r.subject_id);
    const mine = ids.map(trainingShards(eu.keyring.blindIndexKey));
    expect(ids.map(trainingShards(sea.keyring.blindIndexKey))).not.toEqual(mine);
    expect(new Set(mine).size).toBeGreaterThan(1);
  });

  it('erasing a subject no round trained on owes nothing and causes no retrain', async () => {
    const requestId = await approvedRequest(eu, notifier, { type: 'erasure', externalId: Y.externalId, contact: { channel: 'email', value: Y.email } });
    expect((await runRightsWorker(eu)).completed).toBe(1);
    expect((await rightsRequests.get(eu.db, requestId)).outcome).toMatchObject({ training_rounds: 0 });
    expect(await eu.db.selectFrom('unlearning_requests').selectAll().execute()).toEqual([]);
    const before = await checkpoint();
    expect(await runUnlearningWorker(eu, { retrainer: retrainer(), ignoreSchedule: true })).toMatchObject({ runs: 0, retrained: 0 });
    expect(await checkpoint()).toEqual(before);
    expect(await coordinator.db.selectFrom('federation_unlearning_runs').selectAll().execute()).toEqual([]);
    const cert = await certificate(requestId);
    expect(cert.modelUnlearning).toMatchObject({ performed: true, status: 'nothing_to_unlearn', federations: [] });
  });

  it('erasing a subject whose data trained the model: pending with its residual bound, then exactly the model of a training without them', async () => {
    const requestId = await approvedRequest(eu, notifier, { type: 'erasure', externalId: X.externalId, contact: { channel: 'email', value: X.email } });
    expect((await runRightsWorker(eu)).completed).toBe(1);
    expect((await rightsRequests.get(eu.db, requestId)).outcome).toMatchObject({ training_rounds: 3, training_lineage: 3 });
    // What the erasure kept for unlearning: counts and rounds, never the subject.
    const [owed, ...more] = await eu.db.selectFrom('unlearning_requests').selectAll().execute();
    expect(more).toEqual([]);
    expect(owed).toMatchObject({ request_id: requestId, federation: 'intent', from_round: 1, rounds: [1, 2, 3], messages: 9, shards: [trainingShards(eu.keyring.blindIndexKey)(subjectX)], status: 'pending', run_id: null });
    expect(owed!.due_at).toEqual(nextUnlearningBatch(owed!.enqueued_at));
    expect(JSON.stringify(owed)).not.toContain(subjectX);
    expect(await trainingLineage.roundsOf(eu.db, subjectX)).toEqual([]);

    // Certificate while pending: no DP in these rounds, so the residual influence is stated as unbounded until the batch.
    const pending = (await certificate(requestId)).modelUnlearning as ModelUnlearningStatement;
    expect(pending).toMatchObject({ performed: false, status: 'pending', federations: [{ federation: 'intent', status: 'pending', rounds: [1, 2, 3], residualBound: { kind: 'none' }, scheduledFor: owed!.due_at.toISOString() }] });
    expect(pending.federations[0]!.statement).toMatch(/^pending: .* NOT bounded/);
    // Had the rounds run under subject-level DP, the statement carries their composed ε.
    const spend = createMemoryPrivacySpendStore();
    for (const round of [1, 2, 3]) await spend.record('eu', 'intent', { federation: 'intent', round, event: { sampleRate: 0.05, noiseMultiplier: 1.1, steps: 20 }, clipNorm: 1, epsilon: 0, delta: 1e-5, at: new Date().toISOString() });
    const bounded = (await certificate(requestId, { privacySpend: spend })).modelUnlearning as ModelUnlearningStatement;
    const bound = bounded.federations[0]!.residualBound;
    expect(bound).toMatchObject({ kind: 'dp', delta: 1e-5 });
    expect(bound?.kind === 'dp' && bound.epsilon).toBeGreaterThan(0);
    expect(bounded.federations[0]!.statement).toContain(`ε = ${(bound as { epsilon: number }).epsilon.toFixed(3)}`);

    // Operators see what is owed (and an alarm once a residual deadline has passed).
    await runUnlearningWorker(eu);
    expect(await gauge('meridian_unlearning_pending')).toEqual([{ labels: { federation: 'intent' }, value: 1 }]);
    expect(await gauge('meridian_unlearning_overdue')).toEqual([{ labels: {}, value: 0 }]);

    // The nightly batch is not due yet: nothing runs. Run now: one retrain.
    expect(await runUnlearningWorker(eu, { retrainer: retrainer() })).toMatchObject({ runs: 0 });
    expect(await checkpoint()).toMatchObject({ model_hash: originalHash });
    expect(await runUnlearningWorker(eu, { retrainer: retrainer(), ignoreSchedule: true })).toMatchObject({ runs: 1, retrained: 1, requests: 1 });
    const unlearned = await checkpoint();

    // The control: a training of the same federation from scratch that never saw the subject.
    const control = await freshDatabase(dialect);
    coordinators.push(control);
    const controlHash = await train(control, false);
    expect(unlearned).toEqual({ round: ROUNDS, model_hash: controlHash });
    expect(controlHash).not.toBe(originalHash);

    const cert = await certificate(requestId);
    expect(cert.modelUnlearning).toMatchObject({ performed: true, status: 'done', federations: [{ federation: 'intent', status: 'done', rolledBackTo: 0, retrainedRounds: 3, modelHash: controlHash, exactness: 'exact' }] });
    expect((cert.modelUnlearning as ModelUnlearningStatement).federations[0]!.statement).toMatch(new RegExp(`^rolled back intent to round 0, retrained 3 rounds, new model hash ${controlHash}`));
    expect(cert.done.join('\n')).toContain('3 round(s) owe model unlearning');
    const events = await unlearnedEvents(requestId);
    expect(events.map((l) => l.meta)).toEqual([{ action: 'unlearned', federation: 'intent', rolledBackTo: 0, retrainedRounds: 3, modelOut: controlHash, exactness: 'exact' }]);
    expect(cert.evidence.entries.map((e) => decodeLeaf(Buffer.from(e.leaf, 'base64')).meta?.action)).toContain('unlearned');

    expect(await gauge('meridian_unlearning_pending')).toEqual([]);
    // Again: nothing left to do, nothing proven twice.
    expect(await runUnlearningWorker(eu, { retrainer: retrainer(), ignoreSchedule: true })).toMatchObject({ runs: 0 });
    expect(await unlearnedEvents(requestId)).toHaveLength(1);
    const [{ n }] = (await sql<{ n: number }>`select count(*)::int as n from federation_unlearning_runs where status = 'committed'`.execute(coordinator.db)).rows as [{ n: number }];
    expect(n).toBe(1);

    // The certificate's evidence, with the unlearning proof, passes `meridian verify`.
    const keys = { eu: nodeVerifierKeys(eu), sea: nodeVerifierKeys(sea) };
    // (Built after the witness cosigned the latest checkpoint, as an auditor would fetch it.)
    const verified = await completionCertificate(eu, eu.ledger, requestId);
    const trust = { logs: [keys.eu.log], witnesses: [keys.sea.witness], witnessQuorum: 1 };
    const ok = verifyWithCli(verified.evidence, trust);
    expect(ok.stdout).toContain('RESULT: VERIFIED');
    expect(ok.status).toBe(0);
  }, 120_000);
});
