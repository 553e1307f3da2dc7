import { createReadStream, statSync, openSync, readSync, closeSync } from 'node:fs';
import { resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { prepareRecords, persistRecords } from '../ingest/ingest-batch.ts';
import type { RegionNode } from '../node/region-node.ts';

export interface ImportProgress {
  bytesDone: number;
  bytesTotal: number;
  /** Lines consumed so far (including rejected and blank ones). */
  lines: number;
  /** Good lines stored, or found already stored. */
  imported: number;
  rejected: number;
}

export interface ImportOptions {
  batchSize?: number;
  /** Forget the stored cursor and start again from the first line. */
  restart?: boolean;
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportRejection {
  line: number;
  code: string;
  detail: string;
}

export interface ImportSummary extends ImportProgress {
  cursorId: string;
  resumedFromLine: number;
  /** Good lines whose message was already stored (an earlier import or the API). */
  duplicates: number;
  /** Every rejected line of this file, including those of earlier, interrupted runs. */
  rejections: ImportRejection[];
}

/**
 * A file's identity for its cursor: path, size and a hash of its head, so a
 * different file at the same path never resumes another file's position.
 */
export function importCursorId(file: string): string {
  const abs = resolve(file);
  const size = statSync(abs).size;
  const fd = openSync(abs, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, 65_536));
    readSync(fd, head, 0, head.length, 0);
    return createHash('sha256').update(abs).update('\0').update(String(size)).update('\0').update(head).digest('hex').slice(0, 32);
  } finally {
    closeSync(fd);
  }
}

interface Line {
  number: number;
  endOffset: number;
  value?: unknown;
  parseError?: string;
}

/** Splits a byte stream into lines, tracking the byte offset after each (for the cursor). */
async function* readLines(file: string, start: number, firstLine: number): AsyncGenerator<Line> {
  let offset = start;
  let number = firstLine;
  let carry = Buffer.alloc(0);
  const parse = (raw: Buffer, end: number): Line | undefined => {
    number++;
    const text = raw.toString('utf8').trim();
    if (!text) return { number, endOffset: end };
    try {
      return { number, endOffset: end, value: JSON.parse(text) };
    } catch (e) {
      return { number, endOffset: end, parseError: `not valid JSON (${(e as Error).message.replace(/ in JSON at position.*$/, '').slice(0, 80)})` };
    }
  };
  for await (const chunk of createReadStream(file, { start, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    let nl: number;
    while ((nl = buf.indexOf(10)) !== -1) {
      offset += nl + 1;
      const l = parse(buf.subarray(0, nl), offset);
      if (l) yield l;
      buf = buf.subarray(nl + 1);
    }
    carry = Buffer.from(buf);
  }
  if (carry.length) {
    const l = parse(carry, offset + carry.length);
    if (l) yield l;
  }
}

/**
 * Imports an NDJSON file of ingest records into a region node. Each batch, its
 * rejected line numbers and the cursor's advance commit in one transaction, so a
 * killed import resumes exactly where its last commit left off: no good line is
 * lost and none is stored twice (the message dedupe key guards replays too).
 * Bad lines are recorded by number and reason, never by content.
 *
 * @example
 * const s = await importNdjson(node, 'messages.ndjson', { onProgress: (p) => bar.update(p.bytesDone) });
 * console.log(`${s.imported} imported, ${s.rejected} rejected`);
 */
export async function importNdjson(node: RegionNode, file: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  const batchSize = opts.batchSize ?? 500;
  const cursorId = importCursorId(file);
  const bytesTotal = statSync(file).size;
  if (opts.restart) await node.db.deleteFrom('import_cursors').where('id', '=', cursorId).execute();
  const saved = await node.db.selectFrom('import_cursors').select(['byte_offset', 'line_number', 'imported', 'rejected']).where('id', '=', cursorId).executeTakeFirst();
  const progress: ImportProgress = {
    bytesDone: saved?.byte_offset ?? 0,
    bytesTotal,
    lines: saved?.line_number ?? 0,
    imported: saved?.imported ?? 0,
    rejected: saved?.rejected ?? 0,
  };
  const resumedFromLine = progress.lines;
  let duplicates = 0;
  opts.onProgress?.({ ...progress });

  // CPU-only checks for a batch; no database.
  const prepareBatch = (batch: Line[]) => {
    const parsed = batch.filter((l) => l.value !== undefined);
    const { prepared, failures } = prepareRecords(node, parsed.map((l) => l.value));
    const rejections = [
      ...batch.filter((l) => l.parseError !== undefined).map((l) => ({ line: l.number, code: 'BAD_INPUT', detail: l.parseError! })),
      ...failures.map((f) => ({ line: parsed[f.index]!.number, code: f.code, detail: f.issues ? f.issues.map((i) => `${i.path}: ${i.message}`).join('; ') : f.message })),
    ];
    return { last: batch[batch.length - 1]!, prepared, rejections };
  };

  const commit = async ({ last, prepared, rejections }: ReturnType<typeof prepareBatch>) => {
    const next = { ...progress, lines: last.number, bytesDone: last.endOffset, imported: progress.imported + prepared.length, rejected: progress.rejected + rejections.length };
    const stored = await node.db.transaction().execute(async (trx) => {
      const cursor = { byte_offset: next.bytesDone, line_number: next.lines, imported: next.imported, rejected: next.rejected, updated_at: node.now() };
      await trx
        .insertInto('import_cursors')
        .values({ id: cursorId, ...cursor })
        .onConflict((oc) => oc.column('id').doUpdateSet(cursor))
        .execute();
      if (rejections.length) {
        await trx
          .insertInto('import_rejections')
          .values(rejections.map((r) => ({ cursor_id: cursorId, line_number: r.line, code: r.code, detail: r.detail.slice(0, 500) })))
          .onConflict((oc) => oc.columns(['cursor_id', 'line_number']).doNothing())
          .execute();
      }
      return persistRecords(node, trx, prepared);
    });
    duplicates += stored.filter((r) => r.duplicate).length;
    Object.assign(progress, next);
    opts.onProgress?.({ ...progress });
  };

  // Commits stay strictly in order; only the next batch's CPU work overlaps the
  // current batch's round-trips to the database (which runs in another process).
  let inflight: Promise<void> = Promise.resolve();
  let batch: Line[] = [];
  for await (const line of readLines(file, progress.bytesDone, progress.lines)) {
    batch.push(line);
    if (batch.length >= batchSize) {
      const ready = prepareBatch(batch);
      batch = [];
      await inflight;
      inflight = commit(ready);
    }
  }
  await inflight;
  if (batch.length) await commit(prepareBatch(batch));

  const rejections = await node.db
    .selectFrom('import_rejections')
    .select(['line_number as line', 'code', 'detail'])
    .where('cursor_id', '=', cursorId)
    .orderBy('line_number')
    .execute();
  return { ...progress, cursorId, resumedFromLine, duplicates, rejections };
}
