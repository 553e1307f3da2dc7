import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, chownSync, existsSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no free port'))));
    });
  });
}

export interface ThrowawayCluster {
  /** Superuser URL of the `postgres` database. */
  url: string;
  version: string;
  dir: string;
  stop(): void;
}

/**
 * A private PostgreSQL cluster in a temp directory on a free loopback port, for
 * tests and benchmarks (about 1 s to start). Runs as the `postgres` user when
 * started by root. Durability settings are relaxed unless `durable` is set.
 */
export async function startThrowawayCluster(opts: { durable?: boolean } = {}): Promise<ThrowawayCluster> {
  if (!existsSync(join(PG_BIN, 'initdb'))) {
    throw new Error(`PostgreSQL binaries not found in ${PG_BIN}: install postgresql-15, or set PG_BIN`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'meridian-pg-'));
  let ids: { uid?: number; gid?: number } = {};
  if (userInfo().uid === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
    ids = { uid, gid };
  }
  const run = (cmd: string, args: string[]) => {
    const r = spawnSync(join(PG_BIN, cmd), args, { ...ids, encoding: 'utf8', cwd: dir });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  const data = join(dir, 'data');
  const port = await freeLoopbackPort();
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const relaxed = opts.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  run('pg_ctl', ['-D', data, '-w', '-l', join(dir, 'server.log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200${relaxed}`, 'start']);
  const version = run('postgres', ['--version']).trim();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    version,
    dir,
    stop() {
      spawnSync(join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'], { ...ids });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Creates an empty database on the server of `adminUrl` and returns its URL
 * (one per benchmark or test, so runs never share state).
 */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name must be a plain identifier: ${name}`);
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
