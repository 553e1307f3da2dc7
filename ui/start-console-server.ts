import https from 'node:https';
import http from 'node:http';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';

const UI_DIR = fileURLToPath(new URL('.', import.meta.url));
const BUILD_DIR = join(UI_DIR, 'build');

export interface ConsoleServerOptions {
  host: string;
  /** 0: a free port. */
  port: number;
  /** PEM key and certificate: serve HTTPS (the session cookie is `Secure`). */
  tls?: { key: string; cert: string };
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the SvelteKit app (`vite build`) when `ui/build` is missing or older
 * than its sources, so `npm start` on a fresh clone needs no extra step.
 *
 * @example
 * await ensureConsoleBuild();
 */
export async function ensureConsoleBuild(): Promise<void> {
  const handler = join(BUILD_DIR, 'handler.js');
  const sources = Math.max(newestMtime(join(UI_DIR, 'src')), ...['vite.config.ts', 'package.json'].map((f) => statSync(join(UI_DIR, f)).mtimeMs));
  if (existsSync(handler) && statSync(handler).mtimeMs >= sources) return;
  // What `vite build` runs: SvelteKit builds through the app builder (client, server, adapter), and parts of it
  // (its post-build analysis, the adapter's `out`) resolve paths from the working directory, which is the launcher's.
  const { createBuilder } = await import('vite');
  const cwd = process.cwd();
  process.chdir(UI_DIR);
  try {
    const builder = await createBuilder({ root: UI_DIR, configFile: join(UI_DIR, 'vite.config.ts'), logLevel: 'warn' });
    await builder.buildApp();
  } finally {
    process.chdir(cwd);
  }
}

/**
 * Serves the built console (adapter-node's handler) over HTTPS, or HTTP when
 * no certificate is given. The console's configuration comes from
 * `MERIDIAN_CONSOLE_CONFIG`; its `origin` must be the URL this serves on.
 *
 * @example
 * const server = await startConsoleServer({ host: '127.0.0.1', port: 7104, tls });
 */
export async function startConsoleServer(opts: ConsoleServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  const { handler } = (await import(pathToFileURL(join(BUILD_DIR, 'handler.js')).href)) as { handler: http.RequestListener };
  const server = opts.tls ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, handler) : http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `${opts.tls ? 'https' : 'http'}://${opts.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// As a process of its own (what the launcher runs): `node ui/start-console-server.ts` with
// MERIDIAN_CONSOLE_CONFIG, MERIDIAN_CONSOLE_LISTEN=host:port and optionally MERIDIAN_CONSOLE_TLS=key.pem,cert.pem.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [host, port] = (process.env.MERIDIAN_CONSOLE_LISTEN ?? '127.0.0.1:0').split(':');
  const tlsFiles = process.env.MERIDIAN_CONSOLE_TLS?.split(',');
  const tls = tlsFiles ? { key: readFileSync(tlsFiles[0]!, 'utf8'), cert: readFileSync(tlsFiles[1]!, 'utf8') } : undefined;
  await ensureConsoleBuild();
  const running = await startConsoleServer({ host: host!, port: Number(port), tls });
  process.stdout.write(`${JSON.stringify({ console: running.url })}\n`);
}
