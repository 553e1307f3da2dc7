import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { loadNodeConfig } from '@meridian/core/config/node-config.ts';
import { consoleTrustFromConfig } from '@meridian/core/access/console-trust.ts';
import { parseTokens } from '@meridian/regions/server/bearer-tokens.ts';
import { runRegionService } from '@meridian/regions/server/run-region-service.ts';
import { crossRegionFromFlags, openNodeFromFlags, regionOption, storageOptions } from './node-flags.ts';

export function nodeCommand(): Command {
  return storageOptions(
    new Command('node')
      .description('Run one region node: its API (/trpc), /healthz, /readyz and /metrics')
      .addOption(regionOption())
      .option('--host <host>', 'listen address (default: HOST or 127.0.0.1)')
      .option('--port <port>', 'listen port (default: PORT or a free port)', (v) => Number(v)),
  ).action(async (opts) => {
    const cfg = loadNodeConfig();
    const crossRegion = crossRegionFromFlags(opts);
    const node = await openNodeFromFlags(opts, crossRegion);
    let tokens = parseTokens(cfg.MERIDIAN_INGEST_TOKENS);
    if (!tokens.length) {
      const token = randomBytes(24).toString('base64url');
      tokens = parseTokens(`local:${token}`);
      console.error(`MERIDIAN_INGEST_TOKENS is not set; this run accepts the ingest token: ${token}`);
    }
    const tls = cfg.MERIDIAN_TLS_KEY_FILE && cfg.MERIDIAN_TLS_CERT_FILE ? { key: readFileSync(cfg.MERIDIAN_TLS_KEY_FILE, 'utf8'), cert: readFileSync(cfg.MERIDIAN_TLS_CERT_FILE, 'utf8') } : undefined;
    const service = await runRegionService(node, {
      host: opts.host ?? cfg.HOST,
      port: opts.port ?? cfg.PORT,
      tls,
      tokens,
      retentionIntervalMs: cfg.MERIDIAN_RETENTION_INTERVAL_MINUTES * 60_000,
      peer: crossRegion.serve,
      consoleTrust: consoleTrustFromConfig(cfg.MERIDIAN_CONSOLE_PUBLIC_KEYS),
    });
    console.log(`region ${opts.region} listening on ${service.server.url} (${node.dialect})`);
    if (service.peer) console.log(`region ${opts.region} serves cross-region rights requests (mTLS) on ${service.peer.url}`);
    const stop = async () => {
      await service.stop();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
