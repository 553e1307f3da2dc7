import { Command, Option } from 'commander';
import { REGIONS, type Region } from '@meridian/core/policy/region-profile.ts';
import { loadNodeConfig } from '@meridian/core/config/node-config.ts';
import { openRegionNode, type OpenedRegionNode } from '@meridian/regions/node/open-region-node.ts';
import { createLogger } from '@meridian/core/logging/create-logger.ts';
import { join } from 'node:path';
import { loadCrossRegionConfig, type CrossRegionConfig } from '@meridian/regions/rights/cross-region/load-cross-region-config.ts';

export function regionOption(): Option {
  const cfg = loadNodeConfig();
  const o = new Option('-r, --region <region>', 'region of the node').choices(REGIONS);
  return cfg.MERIDIAN_REGION ? o.default(cfg.MERIDIAN_REGION) : o.makeOptionMandatory();
}

/** Adds the flags that say where a node's data lives. */
export function storageOptions(cmd: Command): Command {
  return cmd
    .option('--database-url <url>', 'PostgreSQL URL (default: DATABASE_URL, else embedded PGlite)')
    .option('--data-dir <dir>', 'node data directory (default: MERIDIAN_NODE_DIR, else .data/<region>)');
}

/**
 * The node's cross-region configuration (federation lookup key, peers, where to serve `peer.*`) from
 * MERIDIAN_LOOKUP_KEY(_FILE) / MERIDIAN_PEERS_FILE, or `lookup-key.json` / `peers.json` in the node directory.
 */
export function crossRegionFromFlags(opts: { region: Region; dataDir?: string }): CrossRegionConfig {
  const cfg = loadNodeConfig();
  return loadCrossRegionConfig(opts.region, process.env, opts.dataDir ?? cfg.MERIDIAN_NODE_DIR ?? join('.data', opts.region));
}

export async function openNodeFromFlags(opts: { region: Region; databaseUrl?: string; dataDir?: string }, crossRegion: CrossRegionConfig = crossRegionFromFlags(opts)): Promise<OpenedRegionNode> {
  const cfg = loadNodeConfig();
  return openRegionNode({
    region: opts.region,
    databaseUrl: opts.databaseUrl ?? cfg.DATABASE_URL,
    dataDir: opts.dataDir ?? cfg.MERIDIAN_NODE_DIR,
    logger: createLogger({ component: 'cli', region: opts.region }),
    crossRegion: crossRegion.link,
  });
}
