import { startRegionServer, type RegionServerOptions, type RunningRegionServer } from './start-region-server.ts';
import { runRetention } from '../retention/run-retention.ts';
import { runRightsWorker } from '../rights/run-rights-worker.ts';
import { checkRightsSla } from '../rights/check-rights-sla.ts';
import type { OpenedRegionNode } from '../node/open-region-node.ts';

export interface RegionService {
  node: OpenedRegionNode;
  server: RunningRegionServer;
  stop(): Promise<void>;
}

/**
 * A region node in service: its HTTP API, the periodic retention job, and the
 * rights-request worker.
 * `stop` drains the server, then closes the database.
 */
export async function runRegionService(
  node: OpenedRegionNode,
  opts: RegionServerOptions & { retentionIntervalMs?: number; rightsIntervalMs?: number },
): Promise<RegionService> {
  const server = await startRegionServer(node, opts);
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = runRetention(node).catch((e: Error) => node.logger.error({ err: { message: e.message } }, 'retention run failed'));
  }, opts.retentionIntervalMs ?? 3_600_000);
  timer.unref();
  // Approved rights requests execute from the durable queue; the SLA gauges refresh with them.
  let rights: Promise<unknown> = Promise.resolve();
  const rightsTimer = setInterval(() => {
    rights = rights
      .then(() => runRightsWorker(node, { maxBatches: 10 }))
      .then(() => checkRightsSla(node))
      .catch((e: Error) => node.logger.error({ err: { message: e.message } }, 'rights worker run failed'));
  }, opts.rightsIntervalMs ?? 5_000);
  rightsTimer.unref();
  node.logger.info({ url: server.url, dialect: node.dialect, keyring: node.keyringSource === 'env' ? 'env' : 'file' }, 'region node serving');
  return {
    node,
    server,
    async stop() {
      clearInterval(timer);
      clearInterval(rightsTimer);
      await server.close();
      await running;
      await rights;
      await node.close();
    },
  };
}
