import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { verifyWithCli } from '../../test/verify-with-cli.ts';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, type TestDatabase } from '../../test/databases.ts';
import { REGIONS, type Region } from '@meridian/core/policy/region-profile.ts';
import { keyringFromFile, newKeyringFile } from '@meridian/core/crypto/region-keyring.ts';
import { postgresLedger } from '@meridian/audit/ledger/postgres/postgres-ledger.ts';
import { ed25519NoteSigner } from '@meridian/audit/note/ed25519-note-signer.ts';
import { createWitness } from '@meridian/audit/witness/create-witness.ts';
import { requestCosignatures } from '@meridian/audit/witness/request-cosignatures.ts';
import { openRegionNode, type OpenedRegionNode } from '@meridian/regions/node/open-region-node.ts';
import { nodeVerifierKeys } from '@meridian/regions/node/node-verifier-keys.ts';
import { ingestAtomically } from '@meridian/regions/ingest/ingest-batch.ts';
import { runRightsWorker } from '@meridian/regions/rights/run-rights-worker.ts';
import { completionCertificate } from '@meridian/regions/rights/completion-certificate.ts';
import { regionModels } from '@meridian/regions/routing/region-model.repository.ts';
import { trainingLineage } from '@meridian/regions/training/training-lineage.repository.ts';
import type { ModelUnlearningStatement } from '@meridian/regions/rights/unlearning/unlearning-statement.ts';
import { approvedRequest, memoryNotifier } from '../../regions/test/rights/rights-fixture.ts';
import { generateDemoMessages, loadMessagePools } from '../src/demo/index.ts';
import { localCertificateAuthority } from '../src/launcher/local-certificates.ts';
import { trainLocalFederation, type TaskOutcome } from '../src/federation/train-local-federation.ts';
import { unlearnLocalFederation, type UnlearnLocalReport } from '../src/federation/unlearn-local-federation.ts';

const NOW = new Date('2026-11-20T12:00:00Z');
const TASK = 'sentiment';
const ROUNDS = 2;

describe('meridian unlearn: an erased subject leaves the federated and the region-adapted models (PGlite, reference engine)', () => {
  const nodes = {} as Record<Region, OpenedRegionNode>;
  const coordinators: TestDatabase[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'unlearn-local-'));
  const ca = localCertificateAuthority(dataDir);
  const notifier = memoryNotifier();
  let erased: { externalId: string; email: string; subjectId: string };
  let original: TaskOutcome;
  let originalRoundModels: string[];
  let requestId = '';
  let report: UnlearnLocalReport;
  const rounds: { region: Region; round: number; toRound: number }[] = [];

  const train = async (db: TestDatabase) =>
    (
      await trainLocalFederation({
        dataDir,
        db: db.db,
        ledger: postgresLedger({ db: db.db, signer: ed25519NoteSigner('meridian.test/ledger/coordinator', generateKeyPairSync('ed25519').privateKey) }),
        ca,
        tasks: [TASK],
        rounds: ROUNDS,
        engine: 'reference',
        maxTrainPerSource: 200,
        nodes,
        minCorpus: 10,
      })
    )[0]!;
  const coordinator = () => coordinators[0]!;
  const unlearn = (all: boolean) =>
    unlearnLocalFederation({
      coordinator: { db: coordinator().db, ledger: postgresLedger({ db: coordinator().db, signer: ed25519NoteSigner('meridian.test/ledger/coordinator', generateKeyPairSync('ed25519').privateKey) }) },
      nodes,
      engine: 'reference',
      maxTrainPerSource: 200,
      all,
      onRound: (p) => rounds.push({ region: p.region, round: p.round, toRound: p.toRound }),
    });
  const checkpoint = async () => coordinator().db.selectFrom('federation_checkpoints').select(['round', 'model_hash']).where('federation', '=', TASK).executeTakeFirstOrThrow();

  beforeAll(async () => {
    coordinators.push(await freshDatabase('pglite'));
    const pools = loadMessagePools();
    const candidates: { externalId: string; email: string; subjectId: string }[] = [];
    for (const region of REGIONS) {
      nodes[region] = await openRegionNode({ region, database: await freshDatabase('pglite'), keyring: keyringFromFile(newKeyringFile()) });
      // Demo customers with their messages' gold sentiment labels, as agents would have tagged them.
      const records = [...generateDemoMessages(pools, { now: NOW, regions: [region], customersPerRegion: 120 })]
        .filter((m) => m.source.labelKind === TASK)
        .map((m) => ({ ...m.record, labels: { [TASK]: m.source.label } }));
      const stored = await ingestAtomically(nodes[region], records);
      if (region === 'eu') {
        stored.forEach((s, i) => {
          const r = records[i]!;
          if (r.subject.email && !candidates.some((c) => c.subjectId === s.subjectId)) candidates.push({ externalId: r.subject.externalId, email: r.subject.email, subjectId: s.subjectId });
        });
      }
    }
    original = await train(coordinator());
    originalRoundModels = (await coordinator().db.selectFrom('federation_rounds').select('model_out').where('federation', '=', TASK).execute()).flatMap((r) => (r.model_out ? [r.model_out] : []));
    // A subject whose messages trained both rounds: the erasure owes unlearning of both.
    for (const c of candidates) {
      if ((await trainingLineage.roundsOf(nodes.eu.db, c.subjectId)).length === ROUNDS) {
        erased = c;
        break;
      }
    }
    expect(erased, 'a demo subject in eu trained every round').toBeDefined();
    requestId = await approvedRequest(nodes.eu, notifier, { type: 'erasure', externalId: erased.externalId, contact: { channel: 'email', value: erased.email } });
    expect((await runRightsWorker(nodes.eu)).completed).toBe(1);
  }, 240_000);
  afterAll(async () => {
    for (const n of Object.values(nodes)) await n.close();
    for (const c of coordinators) await c.close();
  });

  it('trained from the nodes: each region adapted the global model, and the erasure queued unlearning of both rounds', async () => {
    expect(Object.keys(original.adapted).sort()).toEqual([...REGIONS].sort());
    expect(originalRoundModels).toHaveLength(ROUNDS);
    expect(await nodes.eu.db.selectFrom('unlearning_requests').select(['request_id', 'federation', 'rounds', 'status']).execute()).toEqual([{ request_id: requestId, federation: TASK, rounds: [1, 2], status: 'pending' }]);
  });

  it('by default runs only what is due: the nightly batch is not, so nothing moves', async () => {
    const before = await checkpoint();
    const r = await unlearn(false);
    expect(r.runs).toEqual([]);
    expect(r.adapted).toEqual([]);
    expect(await checkpoint()).toEqual(before);
    expect((await nodes.eu.db.selectFrom('unlearning_requests').select('status').executeTakeFirstOrThrow()).status).toBe('pending');
  });

  it('--all: rolls back to round 0, retrains 2 rounds, moves the checkpoint and purges the replaced models', async () => {
    report = await unlearn(true);
    expect(report.failures).toEqual([]);
    expect(report.runs).toHaveLength(1);
    const [run] = report.runs;
    expect(run!.outcome).toMatchObject({ kind: 'retrained', federation: TASK, rolledBackTo: 0, retrainedRounds: ROUNDS, previousModelHash: original.modelHash, exactness: 'exact' });
    const newHash = (run!.outcome as { modelHash: string }).modelHash;
    expect(newHash).not.toBe(original.modelHash);
    expect(await checkpoint()).toEqual({ round: ROUNDS, model_hash: newHash });
    expect(report.globals).toEqual([{ federation: TASK, round: ROUNDS, modelHash: newHash }]);
    expect(rounds).toEqual([1, 2].map((round) => ({ region: 'eu', round, toRound: ROUNDS })));
    // The models trained on the erased subject's data are gone from the registry.
    expect(await coordinator().db.selectFrom('federation_models').select('hash').where('hash', 'in', originalRoundModels).execute()).toEqual([]);
    expect(run!.requests).toEqual([{ requestId, statement: expect.stringMatching(new RegExp(`^rolled back ${TASK} to round 0, retrained 2 rounds, new model hash ${newHash}`)) }]);
  }, 120_000);

  it("every region's adapted model was rebuilt from the new global model, the old adaptations deleted, and the new one is what the node serves", async () => {
    const newHash = (await checkpoint()).model_hash;
    expect(report.adapted.map((a) => a.region).sort()).toEqual([...REGIONS].sort());
    for (const a of report.adapted) {
      expect(a).toMatchObject({ task: TASK, baseHash: newHash, deleted: 1 });
      expect(a.hash).not.toBe(original.adapted[a.region]);
      const stored = await regionModels.history(nodes[a.region].db, TASK);
      expect(stored.map((v) => ({ hash: v.hash, baseHash: v.baseHash }))).toEqual([{ hash: a.hash, baseHash: newHash }]);
      // What `loadServedModels` serves for an adapted task: the region's adaptation of the current global model.
      expect((await regionModels.adaptedFrom(nodes[a.region].db, TASK, newHash))?.hash).toBe(a.hash);
    }
  });

  it('the certificate says "rolled back … retrained" and `meridian verify` accepts its evidence', async () => {
    const cert = await completionCertificate(nodes.eu, nodes.eu.ledger, requestId);
    const statement = cert.modelUnlearning as ModelUnlearningStatement;
    expect(statement).toMatchObject({ performed: true, status: 'done', federations: [{ federation: TASK, status: 'done', rolledBackTo: 0, retrainedRounds: ROUNDS, exactness: 'exact' }] });
    expect(statement.federations[0]!.statement).toMatch(/^rolled back sentiment to round 0, retrained 2 rounds, new model hash /);
    const keys = { eu: nodeVerifierKeys(nodes.eu), sea: nodeVerifierKeys(nodes.sea) };
    const witness = createWitness({ db: nodes.sea.db, cosigner: nodes.sea.witnessCosigner, logs: [keys.eu.log] });
    expect((await requestCosignatures(nodes.eu.ledger, [witness], [keys.sea.witness])).failures).toEqual([]);
    const verified = await completionCertificate(nodes.eu, nodes.eu.ledger, requestId);
    const trust = { logs: [keys.eu.log], witnesses: [keys.sea.witness], witnessQuorum: 1 };
    const ok = verifyWithCli(verified.evidence, trust);
    expect(ok.stdout).toContain('RESULT: VERIFIED');
    expect(ok.status).toBe(0);
  }, 60_000);

  it('the unlearned global model and every re-adapted model equal, bit for bit, a training from scratch without the subject', async () => {
    const control = await freshDatabase('pglite');
    coordinators.push(control);
    const fresh = await train(control);
    expect(fresh.modelHash).toBe((await checkpoint()).model_hash);
    for (const a of report.adapted) expect(a.hash, a.region).toBe(fresh.adapted[a.region]);
  }, 180_000);
});
