import { spawn, type ChildProcess } from 'node:child_process';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { createCsr, issueCertificate, type CertificateAuthority } from '@meridian/core/pki/index.ts';

const CONSOLE_ENTRY = fileURLToPath(new URL('../../../ui/start-console-server.ts', import.meta.url));

export interface ConsoleLaunch {
  dataDir: string;
  host: string;
  /** 0: a free port. */
  port: number;
  ca: CertificateAuthority;
  caFile: string;
  regions: Record<string, string>;
  coordinatorUrl: string;
  trustFile: string;
  logLevel?: string;
  /** Sign-in attempts per client address per window (seconds); the console's default is 5 a minute. */
  loginRateLimit?: { window: number; max: number };
}

/**
 * The console's Ed25519 signing key (`<dataDir>/console/signing-key.pem`,
 * created once, mode 0600): it signs the identity assertions of console calls,
 * and the region nodes trust its public key.
 *
 * @example
 * const { publicKey, file } = consoleSigningKey(dataDir);
 */
export function consoleSigningKey(dataDir: string): { publicKey: KeyObject; file: string } {
  const dir = join(dataDir, 'console');
  const file = join(dir, 'signing-key.pem');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(file)) writeFileSync(file, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  return { publicKey: createPublicKey(createPrivateKey(readFileSync(file, 'utf8'))), file };
}

async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts the SvelteKit console as a process of its own (built first if its
 * build is stale), over HTTPS with a certificate from the local CA, with its
 * own embedded database in `<dataDir>/console` and the demo accounts.
 * Resolves once it listens; `stop` ends it and waits for it to close its
 * database.
 *
 * @example
 * const web = await startConsoleProcess({ dataDir, host, port: 7104, ca, caFile, regions, serviceToken, coordinatorUrl, trustFile });
 * console.log(web.url);
 */
export async function startConsoleProcess(opts: ConsoleLaunch): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = join(opts.dataDir, 'console');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const port = opts.port || (await freePort(opts.host));
  const origin = `https://${opts.host}:${port}`;
  const csr = createCsr({ commonName: 'console', region: 'eu', role: 'console' });
  const certPem = issueCertificate(opts.ca, csr.csrPem, { validDays: 30, dnsNames: ['localhost'], ipAddresses: [opts.host === 'localhost' ? '127.0.0.1' : opts.host, '::1'] });
  writeFileSync(join(dir, 'tls-key.pem'), csr.keyPem, { mode: 0o600 });
  writeFileSync(join(dir, 'tls-cert.pem'), certPem);
  const configFile = join(dir, 'config.json');
  writeFileSync(
    configFile,
    JSON.stringify({ dataDir: dir, origin, regions: opts.regions, caFile: opts.caFile, signingKeyFile: consoleSigningKey(opts.dataDir).file, coordinatorUrl: opts.coordinatorUrl, trustFile: opts.trustFile, demoUsers: true, ...(opts.loginRateLimit ? { loginRateLimit: opts.loginRateLimit } : {}) }, null, 2),
    { mode: 0o600 },
  );
  const child: ChildProcess = spawn(process.execPath, [CONSOLE_ENTRY], {
    env: {
      ...process.env,
      LOG_LEVEL: opts.logLevel ?? process.env.LOG_LEVEL ?? 'warn',
      MERIDIAN_CONSOLE_CONFIG: configFile,
      MERIDIAN_CONSOLE_LISTEN: `${opts.host}:${port}`,
      MERIDIAN_CONSOLE_TLS: `${join(dir, 'tls-key.pem')},${join(dir, 'tls-cert.pem')}`,
      ORIGIN: origin,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const said = JSON.parse(line) as { console?: string };
        if (said.console) resolve(origin);
      } catch {
        process.stdout.write(`${line}\n`);
      }
    });
    void exited.then((code) => reject(new Error(`the console process exited (code ${code}) before it listened`)));
  });
  return {
    url,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
