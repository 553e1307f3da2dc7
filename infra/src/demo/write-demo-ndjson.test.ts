import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestRecordSchema } from '@meridian/regions/ingest/ingest-record.ts';
import { writeDemoNdjson, MALFORMED_KINDS } from './write-demo-ndjson.ts';

const dir = mkdtempSync(join(tmpdir(), 'meridian-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const NOW = new Date('2026-06-01T00:00:00Z');

function validates(line: string): boolean {
  try {
    return ingestRecordSchema.safeParse(JSON.parse(line)).success;
  } catch {
    return false;
  }
}

describe('writeDemoNdjson', () => {
  it('writes 100k lines with exactly 1 % bad ones, fast, and says which', async () => {
    const path = join(dir, 'import.ndjson');
    const t0 = performance.now();
    const summary = await writeDemoNdjson(path, { count: 100_000, malformedEvery: 100, now: NOW, regions: ['eu'] });
    const seconds = (performance.now() - t0) / 1000;
    expect(seconds).toBeLessThan(10);
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(100_000);
    expect(summary.lines).toBe(100_000);
    expect(summary.malformed).toHaveLength(1000);
    expect(new Set(summary.malformed.map((m) => m.kind))).toEqual(new Set(MALFORMED_KINDS));
    const bad = new Set(summary.malformed.map((m) => m.line));
    // Every bad line fails validation; a sample of the good ones passes it.
    for (const n of bad) expect(validates(lines[n - 1]!), `line ${n}`).toBe(false);
    for (let n = 1; n <= lines.length; n += 37) if (!bad.has(n)) expect(validates(lines[n - 1]!), `line ${n}`).toBe(true);
    const ids = lines.filter((_, i) => !bad.has(i + 1)).map((l) => (JSON.parse(l) as { sourceMessageId: string }).sourceMessageId);
    expect(new Set(ids).size).toBe(99_000);
  });

  it('writes the same bytes for the same seed', async () => {
    const [a, b] = [join(dir, 'a.ndjson'), join(dir, 'b.ndjson')];
    await writeDemoNdjson(a, { count: 2000, malformedEvery: 50, now: NOW });
    await writeDemoNdjson(b, { count: 2000, malformedEvery: 50, now: NOW });
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
  });

  it('refuses a nonsensical count', async () => {
    await expect(writeDemoNdjson(join(dir, 'x.ndjson'), { count: -1, now: NOW })).rejects.toThrow(RangeError);
  });
});
