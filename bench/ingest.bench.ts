import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '@meridian/core/db/open-database.ts';
import { migrateToLatest } from '@meridian/core/db/migrate-to-latest.ts';
import { keyringFromFile, newKeyringFile } from '@meridian/core/crypto/region-keyring.ts';
import { openRegionNode } from '@meridian/regions/node/open-region-node.ts';
import { prepareRecords, persistRecords } from '@meridian/regions/ingest/ingest-batch.ts';
import { startThrowawayCluster } from '@meridian/infra/postgres/throwaway-cluster.ts';
import { demoRecordsFor } from '@meridian/infra/launcher/demo-source.ts';
import type { IngestRecord } from '@meridian/regions/ingest/ingest-record.ts';
import { machineInfo, writeBenchResult } from './bench-result.ts';

const MESSAGES = Number(process.env.BENCH_INGEST_MESSAGES ?? 50_000);
const BATCH = 500;
const TABLES = ['subjects', 'subject_keys', 'messages', 'consents'] as const;

async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Ingest throughput through the full pipeline (validation, residency, special
 * categories, blind indexes, envelope encryption, subject resolution, consent,
 * dedupe, and the ledger once wired) against a raw multi-row INSERT of the very
 * rows the pipeline wrote, into the same PostgreSQL, in transactions of the same size.
 */
export default async function run() {
  const externalUrl = process.env.BENCH_DATABASE_URL;
  const cluster = externalUrl ? undefined : await startThrowawayCluster();
  const adminUrl = externalUrl ?? cluster!.url;
  try {
    const records: IngestRecord[] = [];
    for (const r of demoRecordsFor('eu', { limit: MESSAGES, now: new Date('2026-11-01T00:00:00Z') }).records) {
      records.push(r);
      if (records.length >= MESSAGES) break;
    }
    const n = records.length;

    // Full pipeline.
    const pipelineDb = await openDatabase({ url: await createDatabase(adminUrl, `bench_ingest_${Date.now()}`), poolSize: 4 });
    const node = await openRegionNode({ region: 'eu', database: pipelineDb, keyring: keyringFromFile(newKeyringFile()) });
    let prepareMs = 0;
    let persistMs = 0;
    const t0 = performance.now();
    for (let i = 0; i < n; i += BATCH) {
      const a = performance.now();
      const { prepared, failures } = prepareRecords(node, records.slice(i, i + BATCH));
      if (failures.length) throw new Error(`demo records refused: ${JSON.stringify(failures[0])}`);
      const b = performance.now();
      await node.db.transaction().execute((trx) => persistRecords(node, trx, prepared));
      prepareMs += b - a;
      persistMs += performance.now() - b;
    }
    const pipelineSeconds = (performance.now() - t0) / 1000;

    // The same rows, raw.
    const rows: Record<string, Record<string, unknown>[]> = {};
    for (const t of TABLES) rows[t] = (await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(node.db)).rows;
    const rawDb = await openDatabase({ url: await createDatabase(adminUrl, `bench_raw_${Date.now()}`), poolSize: 4 });
    await migrateToLatest(rawDb.db);
    const messagesPerSubject = new Map<unknown, Record<string, unknown>[]>();
    for (const m of rows.messages!) messagesPerSubject.set(m.subject_id, [...(messagesPerSubject.get(m.subject_id) ?? []), m]);
    const r0 = performance.now();
    // Subjects, keys and consents first in the same batch sizes, then messages: the same rows in the same number of transactions.
    for (const t of ['subjects', 'subject_keys', 'consents'] as const) {
      const all = rows[t]!;
      for (let i = 0; i < all.length; i += BATCH) await rawDb.db.insertInto(t).values(all.slice(i, i + BATCH) as never).execute();
    }
    const msgs = rows.messages!;
    for (let i = 0; i < msgs.length; i += BATCH) {
      await rawDb.db.transaction().execute((trx) => trx.insertInto('messages').values(msgs.slice(i, i + BATCH) as never).execute());
    }
    const rawSeconds = (performance.now() - r0) / 1000;

    const pipelineRate = n / pipelineSeconds;
    const rawRate = n / rawSeconds;
    const ratio = pipelineRate / rawRate;
    const version = (await sql<{ v: string }>`select version() as v`.execute(rawDb.db)).rows[0]!.v.split(' on ')[0];
    const result = {
      benchmark: 'ingest',
      measured: { name: 'full ingest pipeline', value: pipelineRate, unit: 'messages/s' },
      baseline: { name: 'raw multi-row INSERT of the same rows', value: rawRate, unit: 'messages/s' },
      ratio,
      target: 'pipeline >= 50% of raw-insert throughput on real PostgreSQL',
      met: ratio >= 0.5,
      details: {
        messages: n,
        subjects: rows.subjects!.length,
        consentRows: rows.consents!.length,
        batchSize: BATCH,
        pipelineSeconds,
        rawSeconds,
        timeSplit: {
          prepareCpuSeconds: prepareMs / 1000,
          persistSeconds: persistMs / 1000,
          note: 'prepare = zod validation, residency, special-category lexicons, blind indexes; persist = subject resolution, key unwrap/wrap, AES-GCM, inserts, consent, dedupe',
        },
        ledger: node.events ? 'included' : 'not wired in this build',
      },
    };
    const path = writeBenchResult(result, machineInfo(version));
    console.log(`ingest: pipeline ${pipelineRate.toFixed(0)} msg/s, raw ${rawRate.toFixed(0)} msg/s, ratio ${ratio.toFixed(2)} -> ${path}`);
    await node.close();
    await rawDb.close();
    return result;
  } finally {
    cluster?.stop();
  }
}
