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
import { witnessRing, type CosignRound } from './witness-ring.ts';
import { keyringFromCertificates } from '@meridian/audit/trust/keyring-from-certificates.ts';
import { formatTrustFile } from '@meridian/audit/trust/format-trust-file.ts';
import { ledgerOrigin, witnessName } from '@meridian/core/config/ledger-names.ts';
import { startCoordinatorStatus } from './coordinator-status.ts';
import { openCoordinatorStore } from '../federation/open-coordinator-store.ts';
import { coordinatorDir, trainLocalFederation, type FederationProgress } from '../federation/train-local-federation.ts';
import { loadCurrentModels } from '../federation/load-current-models.ts';
import { loadEngine } from '@meridian/federation/model/index.ts';
import { createClassifier, createMessageClassifier } from '@meridian/federation/inference/index.ts';
import { TASK_NAMES } from '@meridian/federation/data/index.ts';
import { modelClassifier } from '@meridian/regions/routing/model-classifier.ts';
import { sql } from 'kysely';

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
  /** How often the nodes sign and cross-witness checkpoints while running. */
  checkpointIntervalMs?: number;
  logLevel?: string;
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
  /** The global models the nodes serve, per task. */
  models: { task: string; round: number | null; hash: string }[];
  regions: RegionLaunch[];
  token: string;
  caFile: string;
  /** The federation's public keys for `meridian verify --trust`. */
  trustFile: string;
  /** The first checkpoints after loading, each cosigned by the other regions. */
  checkpoints: CosignRound[];
  /** A deliberate cross-region write, refused: shows residency at work. */
  residencyProbe: { from: Region; to: Region; status: number; code: string };
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
  const port = (i: number) => (opts.basePort ? opts.basePort + i : 0);

  // Federated training first (only when no model exists yet), so the nodes route the demo messages with real models.
  const store = await openCoordinatorStore(coordinatorDir(dataDir));
  let models: LocalDeployment['models'];
  let classifier: ReturnType<typeof modelClassifier>;
  try {
    const have = await store.database.db.selectFrom('federation_checkpoints').select('federation').execute();
    const missing = TASK_NAMES.filter((t) => !have.some((h) => h.federation === t));
    if (missing.length && opts.initialRounds) {
      await trainLocalFederation({ dataDir, db: store.database.db, ledger: store.ledger, ca, tasks: missing, rounds: opts.initialRounds, maxTrainPerSource: opts.maxTrainPerSource, onProgress: opts.onTraining });
    }
    const current = await loadCurrentModels(store.database.db);
    const engine = await loadEngine('tfjs');
    classifier = modelClassifier(
      createMessageClassifier({
        intent: createClassifier(current.intent.model, engine),
        sentiment: createClassifier(current.sentiment.model, engine),
        emotion: createClassifier(current.emotion.model, engine),
      }),
    );
    models = TASK_NAMES.map((t) => ({ task: t, round: current[t].round, hash: current[t].hash }));
    await store.ledger.checkpoint();
  } finally {
    // Closed again: `meridian train` may open the coordinator's embedded database from another process.
    await store.close();
  }
  const coordinator = await startCoordinatorStatus(port(0), opts.host, { models });
  const services: RegionService[] = [];
  const logs: { origin: string; region: string; certificate: string }[] = [];
  const witnesses: { name: string; certificate: string }[] = [];
  try {
    // PGlite start-up is CPU-bound WASM: opening nodes one after another is as fast as in parallel on 2 cores.
    for (const [i, region] of REGIONS.entries()) {
      const node = await openRegionNode({ region, dataDir: join(dataDir, region), logger: createLogger({ component: 'region', region }), classifier });
      // The region's certificate binds its ledger key; a witness certificate binds its cosigning key.
      const cert = issueLocalCertificate(ca, dataDir, `${region}-node`, region, 'region', node.ledgerSigner.publicKey);
      const witnessCert = issueLocalCertificate(ca, dataDir, `${region}-witness`, region, 'witness', node.witnessCosigner.publicKey);
      logs.push({ origin: ledgerOrigin(region), region, certificate: cert.certPem });
      witnesses.push({ name: witnessName(region), certificate: witnessCert.certPem });
      services.push(await runRegionService(node, { host: opts.host, port: port(i + 1), tls: { key: cert.keyPem, cert: cert.certPem }, tokens }));
    }
  } catch (e) {
    await Promise.all(services.map((s) => s.stop()));
    await coordinator.close();
    throw e;
  }
  const trustFile = join(dataDir, 'trust.json');
  writeFileSync(trustFile, formatTrustFile(keyringFromCertificates({ caPem: ca.certPem, logs, witnesses, witnessQuorum: 1 })));
  const ring = witnessRing(services.map((s) => s.node));

  const results: RegionLaunch[] = [];
  await Promise.all(
    services.map(async (s) => {
      const region = s.node.region;
      const client = regionClient(s.server.url, ca.certPem, token);
      let loaded = 0;
      let duplicates = 0;
      let batch: IngestRecord[] = [];
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
        if (batch.length >= 500) await send();
      }
      await send();
      const stats = await client.node.stats.query();
      const mix = await sql<{ route: string | null; n: number }>`select route, count(*)::int8 as n from messages group by route`.execute(s.node.db);
      const total = mix.rows.reduce((a, r) => a + r.n, 0) || 1;
      const routes = Object.fromEntries(mix.rows.map((r) => [r.route ?? 'unrouted', r.n / total]));
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

  const checkpoints = await ring.checkpointAll();
  const timer = setInterval(() => {
    ring.checkpointAll().catch((e: Error) => services[0]?.node.logger.error({ err: { message: e.message } }, 'checkpoint round failed'));
  }, opts.checkpointIntervalMs ?? 30_000);
  timer.unref();

  const caFile = join(dataDir, 'ca', 'ca.pem');
  writeFileSync(
    join(dataDir, 'launch.json'),
    JSON.stringify({ coordinator: coordinator.url, regions: Object.fromEntries(results.map((r) => [r.region, r.url])), caFile, trustFile, token }, null, 2),
    { mode: 0o600 },
  );
  return {
    coordinatorUrl: coordinator.url,
    models,
    regions: results,
    token,
    caFile,
    trustFile,
    checkpoints,
    residencyProbe: probe,
    async stop() {
      clearInterval(timer);
      await Promise.all(services.map((s) => s.stop()));
      await coordinator.close();
    },
  };
}
