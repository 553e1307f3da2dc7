import { startRegionServer, type RegionServerOptions, type RunningRegionServer } from './start-region-server.ts';
import { runRetention } from '../retention/run-retention.ts';
import type { OpenedRegionNode } from '../node/open-region-node.ts';

export interface RegionService {
  node: OpenedRegionNode;
  server: RunningRegionServer;
  stop(): Promise<void>;
}

/**
 * A region node in service: its HTTP API plus the periodic retention job.
 * `stop` drains the server, then closes the database.
 */
export async function runRegionService(node: OpenedRegionNode, opts: RegionServerOptions & { retentionIntervalMs?: number }): Promise<RegionService> {
  const server = await startRegionServer(node, opts);
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = runRetention(node).catch((e: Error) => node.logger.error({ err: { message: e.message } }, 'retention run failed'));
  }, opts.retentionIntervalMs ?? 3_600_000);
  timer.unref();
  node.logger.info({ url: server.url, dialect: node.dialect, keyring: node.keyringSource === 'env' ? 'env' : 'file' }, 'region node serving');
  return {
    node,
    server,
    async stop() {
      clearInterval(timer);
      await server.close();
      await running;
      await node.close();
    },
  };
}
