import { startRegionServer, type RegionServerOptions, type RunningRegionServer } from './start-region-server.ts';
import { runRetention } from '../retention/run-retention.ts';
import { runRightsWorker } from '../rights/run-rights-worker.ts';
import { checkRightsSla } from '../rights/check-rights-sla.ts';
import type { OpenedRegionNode } from '../node/open-region-node.ts';
import { startPeerServer, type PeerServerOptions, type RunningPeerServer } from '../rights/cross-region/start-peer-server.ts';
import { runForwarding } from '../rights/cross-region/run-forwarding.ts';
import { syncLookupTags } from '../rights/cross-region/sync-lookup-tags.ts';

export interface RegionService {
  node: OpenedRegionNode;
  server: RunningRegionServer;
  /** The mTLS endpoint other regions forward rights requests to, when configured. */
  peer?: RunningPeerServer;
  stop(): Promise<void>;
}

/**
 * A region node in service: its HTTP API, the periodic retention job, and the
 * rights-request worker.
 * `stop` drains the server, then closes the database.
 */
export async function runRegionService(
  node: OpenedRegionNode,
  opts: RegionServerOptions & { retentionIntervalMs?: number; rightsIntervalMs?: number; peer?: PeerServerOptions },
): Promise<RegionService> {
  const server = await startRegionServer(node, opts);
  const peer = opts.peer
    ? await startPeerServer(node, opts.peer).catch(async (e: unknown) => {
        await server.close();
        throw e;
      })
    : undefined;
  let running: Promise<unknown> = Promise.resolve();
  // Lookup tags of subjects stored before the node had the federation key (or under a rotated one) are filled in at start, then with retention.
  const syncTags = () => syncLookupTags(node).catch((e: Error) => node.logger.error({ err: { message: e.message } }, 'lookup tag sync failed'));
  running = syncTags();
  const timer = setInterval(() => {
    running = runRetention(node)
      .then(syncTags)
      .catch((e: Error) => node.logger.error({ err: { message: e.message } }, 'retention run failed'));
  }, opts.retentionIntervalMs ?? 3_600_000);
  timer.unref();
  // Approved rights requests execute from the durable queue; the SLA gauges refresh with them.
  let rights: Promise<unknown> = Promise.resolve();
  const rightsTimer = setInterval(() => {
    rights = rights
      .then(() => runRightsWorker(node, { maxBatches: 10 }))
      .then(() => checkRightsSla(node))
      .then(() => runForwarding(node))
      .catch((e: Error) => node.logger.error({ err: { message: e.message } }, 'rights worker run failed'));
  }, opts.rightsIntervalMs ?? 5_000);
  rightsTimer.unref();
  node.logger.info({ url: server.url, peerUrl: peer?.url, dialect: node.dialect, keyring: node.keyringSource === 'env' ? 'env' : 'file' }, 'region node serving');
  return {
    node,
    server,
    peer,
    async stop() {
      clearInterval(timer);
      clearInterval(rightsTimer);
      await peer?.close();
      await server.close();
      await running;
      await rights;
      await node.close();
    },
  };
}
