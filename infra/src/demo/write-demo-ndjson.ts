import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { IngestRecord } from '@meridian/regions/ingest/ingest-record.ts';
import { generateDemoMessages, type DemoOptions } from './generate-demo-messages.ts';
import { loadMessagePools, type MessagePools } from './load-message-pools.ts';
import { createSeededRandom, type SeededRandom } from './seeded-random.ts';

/** Ways a line is made bad, each refused by ingestion validation for a different reason. */
export const MALFORMED_KINDS = ['truncated_json', 'not_an_object', 'missing_text', 'bad_sent_at', 'unknown_channel', 'bad_email', 'unknown_field', 'bad_region'] as const;
export type MalformedKind = (typeof MALFORMED_KINDS)[number];

export interface NdjsonOptions extends DemoOptions {
  /** Number of lines to write. */
  readonly count: number;
  /**
   * Makes exactly one line in every block of this many bad (at a seeded
   * position in the block): `100` gives the 1 % of the import test. The bad
   * line replaces the record that would have been there.
   */
  readonly malformedEvery?: number;
  readonly pools?: MessagePools;
  readonly dataDir?: string;
}

export interface NdjsonSummary {
  readonly lines: number;
  readonly bytes: number;
  /** 1-based line numbers of the bad lines, with how each was broken. */
  readonly malformed: readonly { readonly line: number; readonly kind: MalformedKind }[];
}

function corrupt(record: IngestRecord, kind: MalformedKind): string {
  switch (kind) {
    case 'truncated_json': {
      const json = JSON.stringify(record);
      return json.slice(0, Math.floor(json.length / 2));
    }
    case 'not_an_object':
      return JSON.stringify([record.sourceMessageId, record.text]);
    case 'missing_text': {
      const { text: _dropped, ...rest } = record;
      return JSON.stringify(rest);
    }
    case 'bad_sent_at':
      return JSON.stringify({ ...record, sentAt: 'yesterday afternoon' });
    case 'unknown_channel':
      return JSON.stringify({ ...record, channel: 'carrier_pigeon' });
    case 'bad_email':
      return JSON.stringify({ ...record, subject: { ...record.subject, email: 'not-an-address' } });
    case 'unknown_field':
      return JSON.stringify({ ...record, priority: 'urgent' });
    case 'bad_region':
      return JSON.stringify({ ...record, subject: { ...record.subject, homeRegion: 'atlantis' } });
  }
}

/**
 * Streams `count` demo records to `path` as NDJSON (one JSON object per
 * line, `\n`-terminated), optionally with deterministic bad lines for import
 * tests. Memory stays flat: records are generated as they are written, in
 * chunks that respect the stream's back-pressure.
 *
 * @example
 * const s = await writeDemoNdjson('/tmp/import.ndjson', { count: 100_000, malformedEvery: 100, now: new Date('2026-06-01T00:00:00Z') });
 * s.malformed.length; // 1000
 */
export async function writeDemoNdjson(path: string, options: NdjsonOptions): Promise<NdjsonSummary> {
  if (!Number.isSafeInteger(options.count) || options.count < 0) throw new RangeError(`count must be a non-negative integer, got ${options.count}`);
  const every = options.malformedEvery;
  if (every !== undefined && (!Number.isSafeInteger(every) || every < 1)) throw new RangeError(`malformedEvery must be a positive integer, got ${every}`);
  const pools = options.pools ?? loadMessagePools(options.dataDir, options.regions);
  const badRng: SeededRandom = createSeededRandom(`${options.seed ?? 'meridian-demo'}/malformed`);
  const malformed: { line: number; kind: MalformedKind }[] = [];
  const out = createWriteStream(path, { encoding: 'utf8' });
  let bytes = 0;
  let line = 0;
  let chunk = '';
  let badAt = every ? badRng.int(every) : -1;
  try {
    for (const { record } of generateDemoMessages(pools, { ...options, limit: options.count })) {
      const inBlock = every ? line % every : -1;
      if (every && inBlock === 0 && line > 0) badAt = badRng.int(every);
      line++;
      if (inBlock === badAt) {
        const kind = MALFORMED_KINDS[malformed.length % MALFORMED_KINDS.length]!;
        malformed.push({ line, kind });
        chunk += corrupt(record, kind) + '\n';
      } else {
        chunk += JSON.stringify(record) + '\n';
      }
      if (chunk.length >= 1 << 16) {
        bytes += Buffer.byteLength(chunk);
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
      }
    }
    bytes += Buffer.byteLength(chunk);
    out.end(chunk);
    await finished(out);
  } catch (e) {
    out.destroy();
    throw e;
  }
  return { lines: line, bytes, malformed };
}
