import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Stands where the federation coordinator will run: it answers health and
 * readiness so the launcher's topology is complete, and says plainly that it
 * coordinates no rounds yet.
 */
export async function startCoordinatorPlaceholder(port: number, host = '127.0.0.1') {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' || path === '/readyz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', role: 'coordinator', rounds: 0, note: 'placeholder: federated rounds are not implemented yet' }));
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
