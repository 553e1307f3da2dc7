import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { REGIONS, type Region } from '@meridian/core/policy/region-profile.ts';
import { isMeridianError } from '@meridian/core/errors/meridian-error.ts';
import { TASK_NAMES, adaptationOf, loadRegionData, type TaskName } from '@meridian/federation/data/index.ts';
import { referenceEngine } from '@meridian/federation/model/reference/reference-engine.ts';
import { modelHash } from '@meridian/federation/model/index.ts';
import { featurizeExamples } from '@meridian/federation/training/index.ts';
import type { IngestRecord } from '@meridian/regions/ingest/ingest-record.ts';
import { regionModels } from '@meridian/regions/routing/region-model.repository.ts';
import { teeRequests } from '../../federation/test/coordinator/support/tee-requests.ts';
import { localCertificateAuthority } from '../src/launcher/local-certificates.ts';
import { launchLocal, type LocalDeployment } from '../src/launcher/launch-local.ts';
import { openCoordinatorStore } from '../src/federation/open-coordinator-store.ts';
import { openRegionStore } from '../src/federation/open-region-store.ts';
import { coordinatorDir, trainLocalFederation, type FederationProgress, type TaskOutcome } from '../src/federation/train-local-federation.ts';
import { findGlobalModel } from '../src/federation/load-current-models.ts';
import { loadServedModels } from '../src/federation/load-served-models.ts';
import type { OpenDatabase } from '@meridian/core/db/open-database.ts';
import { adaptedModelBytes } from '../src/federation/adapt-region-model.ts';

// Training rows per source: small for speed. The launcher below is given another cap, so a model it
// adapted itself would have another hash than the one training stored.
const MAX_TRAIN = 150;
const LAUNCH_MAX_TRAIN = 200;
const ADAPTED: TaskName[] = TASK_NAMES.filter((t) => adaptationOf(t));
const COUNTRY: Record<Region, string> = { eu: 'DE', sea: 'SG', me: 'AE' };
const CLI = resolve(import.meta.dirname, '../src/cli/meridian.ts');

const demo = (region: Region): IngestRecord[] =>
  ['Why was I charged twice for the same order?', 'My new card still has not arrived', 'Thank you, that solved it'].map((text, i) => ({
    sourceMessageId: `served-${region}-${i}`,
    channel: 'chat',
    sentAt: '2026-11-20T10:00:00Z',
    text,
    subject: { externalId: `served-${region}-${i}`, homeRegion: region, country: COUNTRY[region] },
  }));

describe('nodes serve what the quality bench measures: global intent, region-adapted sentiment and emotion', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'served-models-'));
  const sent: Record<Region, Uint8Array[]> = { eu: [], sea: [], me: [] };
  const progress: FederationProgress[] = [];
  let outcomes: TaskOutcome[];
  // Open while the in-process tests run; closed before the CLI and the launcher open them (embedded: one process at a time).
  let coordinator: Awaited<ReturnType<typeof openCoordinatorStore>> | undefined;
  let stores: Record<Region, OpenDatabase> | undefined;
  const closeStores = async () => {
    for (const s of Object.values(stores ?? {})) await s.close();
    await coordinator?.close();
    stores = undefined;
    coordinator = undefined;
  };
  const globalOf = (task: TaskName) => outcomes.find((o) => o.task === task)!.modelHash;
  const adaptedOf = (task: TaskName, region: Region) => outcomes.find((o) => o.task === task)!.adapted[region]!;

  beforeAll(async () => {
    coordinator = await openCoordinatorStore(coordinatorDir(dataDir));
    stores = {} as Record<Region, OpenDatabase>;
    for (const r of REGIONS) stores[r] = await openRegionStore(dataDir, r);
    outcomes = await trainLocalFederation({
      dataDir,
      db: coordinator.database.db,
      ledger: coordinator.ledger,
      ca: localCertificateAuthority(dataDir),
      tasks: TASK_NAMES,
      rounds: 1,
      engine: 'reference',
      maxTrainPerSource: MAX_TRAIN,
      // Masking changes nothing about adaptation (it happens after the rounds) and costs minutes on 2 cores.
      secureAggregation: false,
      regionStores: Object.fromEntries(REGIONS.map((r) => [r, stores![r].db])),
      wrapDispatcher: (region, agent) => teeRequests(agent, (b) => sent[region].push(b.slice())),
      onProgress: (p) => progress.push(p),
    });
  }, 600_000);
  afterAll(async () => {
    await closeStores();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('after training, each region adapted the new sentiment and emotion models and stored them in its own store only; intent stays global', async () => {
    expect(ADAPTED).toEqual(['sentiment', 'emotion']);
    expect(outcomes.find((o) => o.task === 'intent')!.adapted).toEqual({});
    const all = ADAPTED.flatMap((t) => REGIONS.map((r) => adaptedOf(t, r)));
    expect(new Set(all).size).toBe(6);
    for (const t of ADAPTED) for (const r of REGIONS) expect(adaptedOf(t, r)).not.toBe(globalOf(t));
    expect(progress.filter((p) => p.phase === 'adapted').map((p) => `${p.task}/${p.region}/${p.modelHash}`).sort()).toEqual(
      ADAPTED.flatMap((t) => REGIONS.map((r) => `${t}/${r}/${adaptedOf(t, r)}`)).sort(),
    );
    for (const region of REGIONS) {
      const held = await regionModels.history(stores![region].db);
      expect(held.map((v) => v.hash).sort(), region).toEqual(ADAPTED.map((t) => adaptedOf(t, region)).sort());
      for (const v of held) expect(v.baseHash).toBe(globalOf(v.task as TaskName));
    }
  });

  it('no adapted model reaches the coordinator: not in its registry, and not even its hash in any byte a region sent', async () => {
    const registry = (await coordinator!.database.db.selectFrom('federation_models').select('hash').execute()).map((r) => r.hash);
    expect(registry).toEqual(expect.arrayContaining(TASK_NAMES.map(globalOf)));
    for (const t of ADAPTED) for (const r of REGIONS) expect(registry).not.toContain(adaptedOf(t, r));
    for (const region of REGIONS) {
      const bytes = Buffer.concat(sent[region]);
      expect(bytes.length).toBeGreaterThan(1_000_000);
      // Control: the global models' hashes do travel (the regions fetch them by hash), so the search can find one.
      expect(bytes.includes(globalOf('sentiment'))).toBe(true);
      for (const t of ADAPTED) for (const r of REGIONS) expect(bytes.includes(adaptedOf(t, r)), `${region} sent ${t}/${r}`).toBe(false);
      expect(bytes.includes('adaptedFrom')).toBe(false);
    }
  });

  it("each region adapted on its own training data only: recomputing from its own examples gives its hash, adding another region's does not", async () => {
    const base = (await findGlobalModel(coordinator!.database.db, globalOf('sentiment')))!;
    const data = loadRegionData('sentiment', { maxTrainPerSource: MAX_TRAIN });
    const own = (r: Region) => featurizeExamples(data.regions[r].train, base.model.spec.tokenizer);
    const hashOf = async (region: Region, examples: ReturnType<typeof own>) => {
      const adapted = await adaptedModelBytes({ region, spec: base.model.spec, base: { hash: base.hash, round: base.round, weights: base.model.weights }, examples, engine: referenceEngine });
      return adapted && modelHash(adapted.bytes);
    };
    for (const region of REGIONS) expect(await hashOf(region, own(region)), region).toBe(adaptedOf('sentiment', region));
    expect(await hashOf('eu', [...own('eu'), ...own('sea')])).not.toBe(adaptedOf('sentiment', 'eu'));
    // A task served global is never adapted.
    const intent = (await findGlobalModel(coordinator!.database.db, globalOf('intent')))!;
    expect(await adaptedModelBytes({ region: 'eu', spec: intent.model.spec, base: { hash: intent.hash, round: intent.round, weights: intent.model.weights }, examples: own('eu'), engine: referenceEngine })).toBeUndefined();
  }, 120_000);

  it("serving: a region's store resolves pinned adapted hashes only for that region; without a store only global hashes resolve", async () => {
    const eu = stores!.eu;
    const db = coordinator!.database.db;
    const served = await loadServedModels({ coordinatorDb: db, region: 'eu', regionDb: eu.db });
    expect(TASK_NAMES.map((t) => [t, served[t].hash, served[t].origin])).toEqual([
      ['intent', globalOf('intent'), 'global'],
      ['sentiment', adaptedOf('sentiment', 'eu'), 'region-adapted'],
      ['emotion', adaptedOf('emotion', 'eu'), 'region-adapted'],
    ]);
    const globals = await loadServedModels({ coordinatorDb: db });
    expect(TASK_NAMES.map((t) => globals[t].hash)).toEqual(TASK_NAMES.map(globalOf));
    const pinnedGlobal = await loadServedModels({ coordinatorDb: db, region: 'eu', regionDb: eu.db, hashes: [globalOf('sentiment')] });
    expect([pinnedGlobal.sentiment.hash, pinnedGlobal.sentiment.origin]).toEqual([globalOf('sentiment'), 'global']);
    const refused = async (p: Promise<unknown>) => {
      const e = await p.catch((x: unknown) => x);
      return isMeridianError(e) ? e.code : e;
    };
    expect(await refused(loadServedModels({ coordinatorDb: db, region: 'eu', regionDb: eu.db, hashes: [adaptedOf('sentiment', 'sea')] }))).toBe('NOT_FOUND');
    expect(await refused(loadServedModels({ coordinatorDb: db, hashes: [adaptedOf('sentiment', 'eu')] }))).toBe('NOT_FOUND');
  }, 120_000);

  it('meridian classify --region serves the region-adapted models and accepts their hashes; without --region an adapted hash is refused', async () => {
    await closeStores();
    const run = (...args: string[]) => spawnSync(process.execPath, [CLI, 'classify', '--data-dir', dataDir, ...args], { input: 'My card has not arrived yet\n', encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' } });
    // sea's served set (global intent, its adapted sentiment), with its adapted emotion model pinned by hash.
    const sea = run('--region', 'sea', '--model', adaptedOf('emotion', 'sea'));
    expect(sea.status, sea.stderr).toBe(0);
    expect(sea.stderr).toContain(`intent ${globalOf('intent').slice(0, 12)},`);
    expect(sea.stderr).toContain(`sentiment ${adaptedOf('sentiment', 'sea').slice(0, 12)} (adapted in sea)`);
    expect(sea.stderr).toContain(`emotion ${adaptedOf('emotion', 'sea').slice(0, 12)} (adapted in sea)`);
    expect(JSON.parse(sea.stdout.trim())).toMatchObject({ intent: expect.any(String), sentiment: expect.any(String), emotion: expect.any(String) });
    const noRegion = run('--model', adaptedOf('emotion', 'me'));
    expect(noRegion.status).toBe(2);
    expect(noRegion.stderr).toMatch(/NOT_FOUND.*--region/);
  }, 120_000);

  it('a restarted launcher serves the stored adaptations without retraining, adapts only what a store lacks, and routes with them', async () => {
    // sea loses its adaptations (as a data directory from before adaptation existed would lack them).
    const sea = await openRegionStore(dataDir, 'sea');
    await sea.db.deleteFrom('region_models').execute();
    await sea.close();

    const training: FederationProgress[] = [];
    const adaptedNow: string[] = [];
    let deployment: LocalDeployment | undefined;
    try {
      deployment = await launchLocal({
        dataDir,
        host: '127.0.0.1',
        basePort: 0,
        initialRounds: 1,
        maxTrainPerSource: LAUNCH_MAX_TRAIN,
        demo: demo,
        onTraining: (p) => training.push(p),
        onAdapted: (region, task) => adaptedNow.push(`${task}/${region}`),
      });
      expect(training).toEqual([]);
      expect(adaptedNow.sort()).toEqual(ADAPTED.map((t) => `${t}/sea`).sort());
      expect(deployment.models.map((m) => m.hash)).toEqual(TASK_NAMES.map(globalOf));
      for (const region of ['eu', 'me'] as const) {
        expect(deployment.served[region].map((m) => [m.task, m.hash, m.origin])).toEqual([
          ['intent', globalOf('intent'), 'global'],
          ['sentiment', adaptedOf('sentiment', region), 'region-adapted'],
          ['emotion', adaptedOf('emotion', region), 'region-adapted'],
        ]);
      }
      for (const m of deployment.served.sea.filter((x) => x.task !== 'intent')) {
        expect(m.origin).toBe('region-adapted');
        expect(m.baseHash).toBe(globalOf(m.task));
        expect(m.hash).not.toBe(adaptedOf(m.task, 'sea'));
      }
    } finally {
      await deployment?.stop();
    }
    for (const region of REGIONS) {
      const store = await openRegionStore(dataDir, region);
      try {
        const rows = await store.db.selectFrom('messages').select(['intent_model', 'sentiment_model', 'emotion_model']).execute();
        expect(rows.length, region).toBe(3);
        const want = deployment!.served[region];
        const hashOf = (t: TaskName) => want.find((m) => m.task === t)!.hash;
        for (const r of rows) expect(r, region).toEqual({ intent_model: hashOf('intent'), sentiment_model: hashOf('sentiment'), emotion_model: hashOf('emotion') });
        if (region === 'sea') expect((await regionModels.history(store.db)).map((v) => v.hash).sort()).toEqual([hashOf('sentiment'), hashOf('emotion')].sort());
      } finally {
        await store.close();
      }
    }
  }, 300_000);
});
