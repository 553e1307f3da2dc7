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
  events?: EventRecorder;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

export interface OpenedRegionNode extends RegionNode {
  database: OpenDatabase;
  keyringSource: string;
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
    events: opts.events,
    now: opts.now ?? (() => new Date()),
    async close() {
      keys.clear();
      await database.close();
    },
  };
}
