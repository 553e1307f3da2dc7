import { join } from 'node:path';
import { openDatabase, type OpenDatabase } from '@meridian/core/db/open-database.ts';
import { migrateToLatest } from '@meridian/core/db/migrate-to-latest.ts';
import { loadRegionProfile } from '@meridian/core/policy/load-region-profile.ts';
import { PolicyEngine } from '@meridian/core/policy/policy-engine.ts';
import { loadRegionKeyring, type RegionKeyring } from '@meridian/core/crypto/region-keyring.ts';
import { DataKeyCache } from '@meridian/core/crypto/data-key-cache.ts';
import { createLogger, type Logger } from '@meridian/core/logging/create-logger.ts';
import type { Region } from '@meridian/core/policy/region-profile.ts';
import { createRegionMetrics } from './region-metrics.ts';
import type { RegionNode } from './region-node.ts';
import type { SpecialCategoryDetector } from './special-category-detector.ts';
import type { MessageClassifier } from './message-classifier.ts';
import type { EventRecorder } from './event-recorder.ts';
import { lexiconDetector } from './lexicon-detector.ts';
import { ledgerEventRecorder } from './ledger-event-recorder.ts';
import { loadEd25519KeyFile } from '@meridian/core/crypto/ed25519-key-file.ts';
import { ledgerOrigin, witnessName } from '@meridian/core/config/ledger-names.ts';
import { postgresLedger } from '@meridian/audit/ledger/postgres/postgres-ledger.ts';
import { ed25519NoteSigner } from '@meridian/audit/note/ed25519-note-signer.ts';
import { ed25519Cosigner } from '@meridian/audit/cosignature/ed25519-cosigner.ts';
import type { Ledger } from '@meridian/audit/ledger/ledger.ts';
import type { NoteSigner } from '@meridian/audit/note/note-signer.ts';
import type { CrossRegionLink } from '../rights/cross-region/cross-region-link.ts';

export interface RegionNodeOptions {
  region: Region;
  /** PostgreSQL URL; when absent the node uses embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  /** The node's data directory (PGlite files and, by default, its keyring). */
  dataDir?: string;
  /** An already open database (tests, or a caller that manages the pool). */
  database?: OpenDatabase;
  keyring?: RegionKeyring;
  profileFile?: string;
  logger?: Logger;
  detector?: SpecialCategoryDetector;
  classifier?: MessageClassifier;
  /** Replaces the node's own Postgres ledger (e.g. the Fabric backend). */
  ledger?: Ledger;
  /** Only for tests of the pipeline without proofs. */
  events?: EventRecorder;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  /** Federation lookup key and peer clients (cross-region rights requests); the node closes the peer clients on close. */
  crossRegion?: CrossRegionLink;
}

export interface OpenedRegionNode extends RegionNode {
  database: OpenDatabase;
  keyringSource: string;
  /** The region's audit log; every ingest, consent change, expiry... is appended in its own transaction. */
  ledger: Ledger;
  /** Signs this log's checkpoints; its public key is bound to the region's certificate. */
  ledgerSigner: NoteSigner;
  /** Signs this node's cosignatures of other logs' checkpoints (a key apart from the log key). */
  witnessCosigner: NoteSigner;
  close(): Promise<void>;
}

/**
 * Opens a region node's storage and rules: database (migrated), keyring, profile,
 * logger and metrics. The single place where the embedded default is chosen.
 *
 * @example
 * const node = await openRegionNode({ region: 'eu', dataDir: '.data/eu' });
 * await ingestAtomically(node, [record]);
 * await node.close();
 */
export async function openRegionNode(opts: RegionNodeOptions): Promise<OpenedRegionNode> {
  const env = opts.env ?? process.env;
  const dataDir = opts.dataDir ?? env.MERIDIAN_DATA_DIR_NODE ?? join('.data', opts.region);
  const database =
    opts.database ??
    (await openDatabase(opts.databaseUrl ? { url: opts.databaseUrl } : { dataDir: dataDir === 'memory://' ? 'memory://' : join(dataDir, 'pgdata') }));
  await migrateToLatest(database.db);
  const loaded = opts.keyring
    ? { keyring: opts.keyring, source: 'given' }
    : loadRegionKeyring(env, dataDir === 'memory://' ? undefined : join(dataDir, 'keyring.json'));
  const profile = loadRegionProfile(opts.region, opts.profileFile ?? env.MERIDIAN_PROFILE_FILE);
  const logger = opts.logger ?? createLogger({ component: 'region', region: opts.region });
  const metrics = createRegionMetrics(opts.region);
  const keys = new DataKeyCache();
  const now = opts.now ?? (() => new Date());
  const inMemory = !opts.dataDir && !!opts.database;
  const keyFile = (name: string) => (inMemory || dataDir === 'memory://' ? undefined : join(dataDir, name));
  const ledgerSigner = ed25519NoteSigner(ledgerOrigin(opts.region), loadEd25519KeyFile(env.MERIDIAN_LEDGER_KEY_FILE, keyFile('ledger-key.pem')));
  const ledger = opts.ledger ?? postgresLedger({ db: database.db, signer: ledgerSigner });
  const witnessCosigner = ed25519Cosigner(witnessName(opts.region), loadEd25519KeyFile(env.MERIDIAN_WITNESS_KEY_FILE, keyFile('witness-key.pem')));
  return {
    region: opts.region,
    policy: new PolicyEngine(profile),
    db: database.db,
    dialect: database.dialect,
    database,
    keyring: loaded.keyring,
    keyringSource: loaded.source,
    keys,
    logger,
    metrics,
    detector: opts.detector ?? lexiconDetector(),
    classifier: opts.classifier,
    events: opts.events ?? ledgerEventRecorder(ledger, opts.region, now),
    ledger,
    ledgerSigner,
    witnessCosigner,
    now,
    crossRegion: opts.crossRegion,
    async close() {
      await opts.crossRegion?.peers?.close();
      keys.clear();
      await database.close();
    },
  };
}
