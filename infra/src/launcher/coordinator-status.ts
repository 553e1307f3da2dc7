import type { TrainingRoundSummary } from './training-history.ts';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The coordinator's status page in a local launch: which global model of each
 * task the nodes serve. Rounds themselves run with `meridian train`, which
 * starts the coordinator's round service (mTLS) for as long as they take.
 */
export async function startCoordinatorStatus(port: number, host: string, status: { models: { task: string; round: number | null; hash: string }[]; rounds?: TrainingRoundSummary[] }) {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' || path === '/readyz' || path === '/status') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', role: 'coordinator', ...status }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'NOT_FOUND' } }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const a = server.address() as AddressInfo;
  return { url: `http://${host}:${a.port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}
