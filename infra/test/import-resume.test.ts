import { describe, it, expect, beforeAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { freshDatabase } from '../../test/databases.ts';
import { keyringFromFile, newKeyringFile } from '@meridian/core/crypto/region-keyring.ts';
import { openRegionNode } from '@meridian/regions/node/open-region-node.ts';
import { importNdjson, importCursorId } from '@meridian/regions/import/import-ndjson.ts';
import { demoRecordsFor } from '../src/launcher/demo-source.ts';

const CLI = resolve(import.meta.dirname, '../src/cli/meridian.ts');

/** Ways a line can be bad; each one is certain to be rejected. */
const CORRUPTIONS: ((line: string) => string)[] = [
  (l) => l.slice(0, Math.floor(l.length / 2)), // truncated JSON
  (l) => l.replace('"sentAt":', '"sentAtt":'), // unknown field, missing required one
  (l) => l.replace('"homeRegion":"eu"', '"homeRegion":"sea"'), // another region's resident
  () => '{"hello": "world"}',
  () => 'not json at all',
];

/** Writes `lines` NDJSON lines of real demo records; every 100th line (offset 37) is corrupted. Returns the bad line numbers. */
async function writeFixture(file: string, lines: number): Promise<{ bad: number[]; goodIds: Set<string> }> {
  const out = createWriteStream(file);
  const bad: number[] = [];
  const goodIds = new Set<string>();
  let i = 0;
  for (const r of demoRecordsFor('eu', { limit: lines, now: new Date('2026-11-01T00:00:00Z') }).records) {
    if (i >= lines) break;
    let line = JSON.stringify(r);
    if (i % 100 === 37) {
      line = CORRUPTIONS[(i / 100) % CORRUPTIONS.length | 0]!(line);
      bad.push(i + 1);
    } else goodIds.add(r.sourceMessageId);
    if (!out.write(line + '\n')) await new Promise((r) => out.once('drain', r));
    i++;
  }
  expect(i).toBe(lines);
  await new Promise<void>((r) => out.end(r));
  return { bad, goodIds };
}

describe('NDJSON import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'import-'));

  it('postgres: 100k lines, 1% bad, killed with SIGKILL midway and rerun: every good line once, every bad line reported', async () => {
    const file = join(dir, 'big.ndjson');
    const { bad, goodIds } = await writeFixture(file, 100_000);
    expect(bad.length).toBe(1000);
    const test = await freshDatabase('postgres');
    const env = {
      ...process.env,
      MERIDIAN_KEK: randomBytes(32).toString('base64'),
      MERIDIAN_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'silent',
    };
    const args = [CLI, 'import', '--region', 'eu', '--database-url', test.url!, '--no-progress', file];
    const cursorId = importCursorId(file);
    const lineOf = async () => Number((await test.db.selectFrom('import_cursors').select('line_number').where('id', '=', cursorId).executeTakeFirst())?.line_number ?? 0);

    // First run: kill -9 once a third of the file is committed.
    const child = spawn(process.execPath, args, { env, stdio: 'ignore' });
    const exited = new Promise<number | null>((r) => child.once('exit', (code, signal) => r(signal ? -1 : code)));
    const deadline = Date.now() + 120_000;
    while ((await lineOf()) < 30_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    expect(await exited).toBe(-1);
    const killedAt = await lineOf();
    expect(killedAt).toBeGreaterThanOrEqual(30_000);
    expect(killedAt).toBeLessThan(100_000);

    // Second run resumes and finishes.
    const second = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
    expect(second.stdout).toContain(`resumed after line ${killedAt}`);
    expect(second.status).toBe(3); // completed, with rejected lines
    expect(second.stdout).toMatch(/100000 lines: 99000 imported \(0 already present\), 1000 rejected/);

    const messages = await test.db.selectFrom('messages').select((e) => e.fn.countAll<number>().as('c')).executeTakeFirstOrThrow();
    expect(Number(messages.c)).toBe(goodIds.size);
    const rejected = await test.db.selectFrom('import_rejections').select('line_number').where('cursor_id', '=', cursorId).orderBy('line_number').execute();
    expect(rejected.map((r) => r.line_number)).toEqual(bad);
    // A third run changes nothing.
    const third = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
    expect(third.stdout).toMatch(/100000 lines: 99000 imported/);
    const again = await test.db.selectFrom('messages').select((e) => e.fn.countAll<number>().as('c')).executeTakeFirstOrThrow();
    expect(Number(again.c)).toBe(goodIds.size);
    await test.close();
  }, 300_000);

  it('pglite: an import interrupted in-process resumes without loss or duplicates; --restart replays harmlessly', async () => {
    const file = join(dir, 'small.ndjson');
    const { bad, goodIds } = await writeFixture(file, 5_000);
    const test = await freshDatabase('pglite');
    const node = await openRegionNode({ region: 'eu', database: test, keyring: keyringFromFile(newKeyringFile()) });
    try {
      let batches = 0;
      const crash = await importNdjson(node, file, {
        batchSize: 250,
        onProgress: () => {
          if (++batches === 8) throw new Error('simulated crash');
        },
      }).catch((e: Error) => e.message);
      expect(crash).toBe('simulated crash');
      const summary = await importNdjson(node, file, { batchSize: 250 });
      expect(summary.resumedFromLine).toBe(250 * 7);
      expect(summary).toMatchObject({ lines: 5_000, imported: 5_000 - bad.length, rejected: bad.length });
      expect(summary.rejections.map((r) => r.line)).toEqual(bad);
      expect(summary.rejections.every((r) => r.code === 'BAD_INPUT' || r.code === 'RESIDENCY_VIOLATION')).toBe(true);
      const count = async () => Number((await node.db.selectFrom('messages').select((e) => e.fn.countAll<number>().as('c')).executeTakeFirstOrThrow()).c);
      expect(await count()).toBe(goodIds.size);
      const replay = await importNdjson(node, file, { restart: true, batchSize: 1000 });
      expect(replay.duplicates).toBe(goodIds.size);
      expect(await count()).toBe(goodIds.size);
    } finally {
      await node.close();
    }
  }, 120_000);
});
