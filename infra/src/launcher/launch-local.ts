import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Agent } from 'undici';
import { createTRPCClient, httpLink } from '@trpc/client';
import { REGIONS, type Region } from '@meridian/core/policy/region-profile.ts';
import { createLogger } from '@meridian/core/logging/create-logger.ts';
import { openRegionNode } from '@meridian/regions/node/open-region-node.ts';
import { parseTokens } from '@meridian/regions/server/bearer-tokens.ts';
import { runRegionService, type RegionService } from '@meridian/regions/server/run-region-service.ts';
import type { RegionRouter } from '@meridian/regions/server/region-router.ts';
import type { IngestRecord } from '@meridian/regions/ingest/ingest-record.ts';
import { localCertificateAuthority, issueLocalCertificate } from './local-certificates.ts';
import { localCrossRegion } from './local-cross-region.ts';
import { witnessRing, type CosignRound } from './witness-ring.ts';
import { keyringFromCertificates } from '@meridian/audit/trust/keyring-from-certificates.ts';
import { formatTrustFile } from '@meridian/audit/trust/format-trust-file.ts';
import { ledgerOrigin, witnessName } from '@meridian/core/config/ledger-names.ts';
import { startCoordinatorStatus } from './coordinator-status.ts';
import { openCoordinatorStore } from '../federation/open-coordinator-store.ts';
import { coordinatorDir, trainLocalFederation, type FederationProgress } from '../federation/train-local-federation.ts';
import type { LoadedModel } from '../federation/load-current-models.ts';
import { loadServedModels, type ServedModel } from '../federation/load-served-models.ts';
import { adaptMissingRegionModels } from '../federation/adapt-missing-region-models.ts';
import { openRegionStore, regionDir } from '../federation/open-region-store.ts';
import { servedClassifier } from '../federation/served-classifier.ts';
import { loadEngine } from '@meridian/federation/model/index.ts';
import { TASK_NAMES, type TaskName } from '@meridian/federation/data/index.ts';
import type { MessageClassifier } from '@meridian/regions/node/message-classifier.ts';
import type { OpenDatabase } from '@meridian/core/db/open-database.ts';
import { sql } from 'kysely';
import { fileDemoRequests, type DemoCustomer } from './demo-requests.ts';
import { consoleSigningKey, startConsoleProcess } from './console-process.ts';
import { consoleTrust } from '@meridian/core/access/console-trust.ts';
import { trainingHistory, type TrainingRoundSummary } from './training-history.ts';

export interface LaunchOptions {
  dataDir: string;
  host: string;
  /** Coordinator on basePort, regions on basePort+1.. (eu, sea, me); 0 = free ports. */
  basePort: number;
  /** Demo records per region, as a stream. */
  demo?: (region: Region) => AsyncIterable<IngestRecord> | Iterable<IngestRecord>;
  onProgress?: (region: Region, loaded: number, ledgerSize: number) => void;
  /** Federated rounds to run per task when the registry has no model yet (0: none). */
  initialRounds?: number;
  maxTrainPerSource?: number;
  onTraining?: (p: FederationProgress) => void;
  /** A region adapted a global model at start-up because its store had no adaptation of it (older data directories). */
  onAdapted?: (region: Region, task: TaskName, hash: string) => void;
  /** How often the nodes sign and cross-witness checkpoints while running. */
  checkpointIntervalMs?: number;
  logLevel?: string;
  /** Start the SvelteKit console too (port 0: a free one), with demo accounts and demo rights requests. */
  console?: { port: number; loginRateLimit?: { window: number; max: number } };
}

export interface RegionLaunch {
  region: Region;
  url: string;
  dialect: string;
  loaded: number;
  duplicates: number;
  refused: number;
  subjects: number;
  messages: number;
  ledgerSize: number;
  /** Share of the region's stored messages per route (bot / person / expert). */
  routes: Record<string, number>;
}

export interface LocalDeployment {
  coordinatorUrl: string;
  /** The current global model of each task (the coordinator's). */
  models: { task: string; round: number | null; hash: string }[];
  /** What each region node serves per task: the global model, or its own adaptation of it (kept in that region). */
  served: Record<Region, { task: TaskName; hash: string; origin: ServedModel['origin']; baseHash: string }[]>;
  regions: RegionLaunch[];
  token: string;
  caFile: string;
  /** The federation's public keys for `meridian verify --trust`. */
  trustFile: string;
  /** The first checkpoints after loading, each cosigned by the other regions. */
  checkpoints: CosignRound[];
  /** A deliberate cross-region write, refused: shows residency at work. */
  residencyProbe: { from: Region; to: Region; status: number; code: string };
  /** The console's URL, when it was started. */
  consoleUrl?: string;
  /** Demo rights requests filed this launch, and the file where their customers' codes are (see demo-requests.ts). */
  demoRequests?: { ids: string[]; inboxFile: string };
  stop(): Promise<void>;
}

/** A tRPC client for a region node over HTTPS, trusting the local CA. */
export function regionClient(url: string, caPem: string, token: string) {
  const dispatcher = new Agent({ connect: { ca: caPem } });
  return createTRPCClient<RegionRouter>({
    links: [
      httpLink({
        url: `${url}/trpc`,
        headers: { authorization: `Bearer ${token}` },
        fetch: ((input: string, init?: RequestInit) => fetch(input, { ...init, dispatcher } as RequestInit)) as typeof fetch,
      }),
    ],
  });
}

/**
 * Brings up the whole system on one machine: the coordinator, and the three
 * region nodes on their own embedded databases behind HTTPS (local CA), then
 * loads demo customers through each node's real API.
 */
export async function launchLocal(opts: LaunchOptions): Promise<LocalDeployment> {
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const ca = localCertificateAuthority(dataDir);
  const token = randomBytes(24).toString('base64url');
  const tokens = parseTokens(`launcher:${token}`);
  // The nodes accept console calls signed with the console's key (its users' identities and grants), and no other.
  const trustedConsole = opts.console ? consoleTrust([consoleSigningKey(dataDir).publicKey]) : undefined;
  const port = (i: number) => (opts.basePort ? opts.basePort + i : 0);

  // Federated training first (only when no model exists yet), so the nodes route the demo messages with real models.
  // Each region's own database is opened first: the models a region adapts after training are stored there.
  const store = await openCoordinatorStore(coordinatorDir(dataDir));
  const regionStores = {} as Record<Region, OpenDatabase>;
  const classifiers = {} as Record<Region, MessageClassifier>;
  const served = {} as LocalDeployment['served'];
  let models: LocalDeployment['models'];
  let rounds: TrainingRoundSummary[] = [];
  try {
    for (const region of REGIONS) regionStores[region] = await openRegionStore(dataDir, region);
    const have = await store.database.db.selectFrom('federation_checkpoints').select('federation').execute();
    const missing = TASK_NAMES.filter((t) => !have.some((h) => h.federation === t));
    if (missing.length && opts.initialRounds) {
      await trainLocalFederation({
        dataDir,
        db: store.database.db,
        ledger: store.ledger,
        ca,
        tasks: missing,
        rounds: opts.initialRounds,
        maxTrainPerSource: opts.maxTrainPerSource,
        regionStores: Object.fromEntries(REGIONS.map((r) => [r, regionStores[r].db])),
        onProgress: opts.onTraining,
      });
    }
    const engine = await loadEngine('tfjs');
    const globals = new Map<string, LoadedModel>();
    for (const region of REGIONS) {
      const regionDb = regionStores[region].db;
      // Normally a no-op (training just adapted them); a data directory from before adaptation gets them once.
      await adaptMissingRegionModels({
        coordinatorDb: store.database.db,
        region,
        regionDb,
        engine,
        maxTrainPerSource: opts.maxTrainPerSource,
        onAdapted: (task, v) => opts.onAdapted?.(region, task, v.hash),
      });
      const mine = await loadServedModels({ coordinatorDb: store.database.db, region, regionDb, globals });
      classifiers[region] = servedClassifier(mine, engine);
      served[region] = TASK_NAMES.map((task) => ({ task, hash: mine[task].hash, origin: mine[task].origin, baseHash: mine[task].baseHash }));
    }
    const checkpoints = await store.database.db.selectFrom('federation_checkpoints').select(['federation', 'round', 'model_hash']).execute();
    models = TASK_NAMES.map((t) => {
      const c = checkpoints.find((x) => x.federation === t)!;
      return { task: t, round: c.round, hash: c.model_hash };
    });
    await store.ledger.checkpoint();
    rounds = await trainingHistory(store.database.db);
  } catch (e) {
    await Promise.all(Object.values(regionStores).map((d) => d.close()));
    throw e;
  } finally {
    // Closed again: `meridian train` may open the coordinator's embedded database from another process.
    await store.close();
  }
  const coordinator = await startCoordinatorStatus(port(0), opts.host, { models, rounds });
  const services: RegionService[] = [];
  const logs: { origin: string; region: string; certificate: string }[] = [];
  const witnesses: { name: string; certificate: string }[] = [];
  try {
    // Cross-region rights requests: one federation lookup key, a peer endpoint per node (mTLS), clients once all listen.
    const xr = localCrossRegion(dataDir, ca, (r) => regionDir(dataDir, r));
    // PGlite start-up is CPU-bound WASM: opening nodes one after another is as fast as in parallel on 2 cores.
    for (const [i, region] of REGIONS.entries()) {
      const node = await openRegionNode({ region, dataDir: regionDir(dataDir, region), database: regionStores[region], logger: createLogger({ component: 'region', region }), classifier: classifiers[region], crossRegion: xr.links[region] });
      // The region's certificate binds its ledger key; a witness certificate binds its cosigning key.
      const cert = issueLocalCertificate(ca, dataDir, `${region}-node`, region, 'region', node.ledgerSigner.publicKey);
      const witnessCert = issueLocalCertificate(ca, dataDir, `${region}-witness`, region, 'witness', node.witnessCosigner.publicKey);
      logs.push({ origin: ledgerOrigin(region), region, certificate: cert.certPem });
      witnesses.push({ name: witnessName(region), certificate: witnessCert.certPem });
      services.push(await runRegionService(node, { host: opts.host, port: port(i + 1), tls: { key: cert.keyPem, cert: cert.certPem }, tokens, consoleTrust: trustedConsole, peer: xr.peerServer(region, cert, opts.host, port(i + 11)) }));
    }
    xr.connect(Object.fromEntries(services.map((s) => [s.node.region, s.peer!.url])));
  } catch (e) {
    await Promise.all(services.map((s) => s.stop()));
    // Stores no service took over (a service closes its own when stopped).
    await Promise.all(REGIONS.slice(services.length).map((r) => regionStores[r].close()));
    await coordinator.close();
    throw e;
  }
  const trustFile = join(dataDir, 'trust.json');
  writeFileSync(trustFile, formatTrustFile(keyringFromCertificates({ caPem: ca.certPem, logs, witnesses, witnessQuorum: 1 })));
  const ring = witnessRing(services.map((s) => s.node));

  const results: RegionLaunch[] = [];
  const demoCustomers = new Map<Region, DemoCustomer[]>();
  await Promise.all(
    services.map(async (s) => {
      const region = s.node.region;
      const client = regionClient(s.server.url, ca.certPem, token);
      let loaded = 0;
      let duplicates = 0;
      let batch: IngestRecord[] = [];
      const customers: DemoCustomer[] = [];
      const send = async () => {
        if (!batch.length) return;
        const res = await client.ingest.batch.mutate({ records: batch });
        loaded += res.length;
        duplicates += res.filter((r) => r.duplicate).length;
        batch = [];
        opts.onProgress?.(region, loaded, await s.node.ledger.size());
      };
      for await (const r of opts.demo?.(region) ?? []) {
        batch.push(r);
        if (r.subject.email && customers.length < 4 && !customers.some((c) => c.externalId === r.subject.externalId)) customers.push({ externalId: r.subject.externalId, email: r.subject.email });
        if (batch.length >= 500) await send();
      }
      await send();
      const stats = await client.node.stats.query();
      const mix = await sql<{ route: string | null; n: number }>`select route, count(*)::int8 as n from messages group by route`.execute(s.node.db);
      const total = mix.rows.reduce((a, r) => a + r.n, 0) || 1;
      const routes = Object.fromEntries(mix.rows.map((r) => [r.route ?? 'unrouted', r.n / total]));
      demoCustomers.set(region, customers);
      results.push({ region, url: s.server.url, dialect: s.node.dialect, loaded, duplicates, refused: 0, subjects: stats.subjects, messages: stats.messages, ledgerSize: await s.node.ledger.size(), routes });
    }),
  );
  results.sort((a, b) => REGIONS.indexOf(a.region) - REGIONS.indexOf(b.region));

  // Residency at work: a Southeast Asian customer's message sent to the EU node is refused.
  const eu = services[0]!;
  let probe = { from: 'sea' as Region, to: 'eu' as Region, status: 0, code: '' };
  try {
    await regionClient(eu.server.url, ca.certPem, token).ingest.message.mutate({
      sourceMessageId: `residency-probe-${Date.now()}`,
      channel: 'chat',
      sentAt: new Date().toISOString(),
      text: 'Residency probe: this must be refused',
      subject: { externalId: 'residency-probe', homeRegion: 'sea', country: 'SG' },
    });
  } catch (e) {
    const data = (e as { data?: { httpStatus?: number; meridianCode?: string } }).data;
    probe = { ...probe, status: data?.httpStatus ?? 0, code: data?.meridianCode ?? String(e) };
  }

  // Demo requests before the first witnessed checkpoint, so the checkpoint an auditor exports right after launch covers them.
  let demoRequests: LocalDeployment['demoRequests'];
  if (opts.console) {
    const inboxFile = join(dataDir, 'demo-inbox.json');
    const ids: string[] = [];
    for (const s of services) ids.push(...(await fileDemoRequests(s.node, regionClient(s.server.url, ca.certPem, token), demoCustomers.get(s.node.region) ?? [], inboxFile)));
    demoRequests = { ids, inboxFile };
  }
  const checkpoints = await ring.checkpointAll();
  const timer = setInterval(() => {
    ring.checkpointAll().catch((e: Error) => services[0]?.node.logger.error({ err: { message: e.message } }, 'checkpoint round failed'));
  }, opts.checkpointIntervalMs ?? 30_000);
  timer.unref();

  const caFile = join(dataDir, 'ca', 'ca.pem');
  let web: Awaited<ReturnType<typeof startConsoleProcess>> | undefined;
  if (opts.console) {
    try {
      web = await startConsoleProcess({
        dataDir, host: opts.host, port: opts.console.port, ca, caFile, coordinatorUrl: coordinator.url, trustFile,
        regions: Object.fromEntries(results.map((r) => [r.region, r.url])), logLevel: opts.logLevel, loginRateLimit: opts.console.loginRateLimit,
      });
    } catch (e) {
      clearInterval(timer);
      await Promise.all(services.map((s) => s.stop()));
      await coordinator.close();
      throw e;
    }
  }
  writeFileSync(
    join(dataDir, 'launch.json'),
    JSON.stringify({ coordinator: coordinator.url, regions: Object.fromEntries(results.map((r) => [r.region, r.url])), caFile, trustFile, token, ...(web ? { console: web.url } : {}) }, null, 2),
    { mode: 0o600 },
  );
  return {
    coordinatorUrl: coordinator.url,
    models,
    served,
    regions: results,
    token,
    caFile,
    trustFile,
    checkpoints,
    residencyProbe: probe,
    consoleUrl: web?.url,
    demoRequests,
    async stop() {
      clearInterval(timer);
      await web?.stop();
      await Promise.all(services.map((s) => s.stop()));
      await coordinator.close();
    },
  };
}
