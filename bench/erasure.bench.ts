import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openDatabase } from '@meridian/core/db/open-database.ts';
import { keyringFromFile, newKeyringFile } from '@meridian/core/crypto/region-keyring.ts';
import { createLogger } from '@meridian/core/logging/create-logger.ts';
import { openRegionNode, type OpenedRegionNode } from '@meridian/regions/node/open-region-node.ts';
import { ingestAtomically } from '@meridian/regions/ingest/ingest-batch.ts';
import type { IngestRecord } from '@meridian/regions/ingest/ingest-record.ts';
import type { Notifier, SubjectNotice } from '@meridian/regions/rights/notifier.ts';
import { submitRightsRequest } from '@meridian/regions/rights/submit-rights-request.ts';
import { verifyRightsRequest } from '@meridian/regions/rights/verify-rights-request.ts';
import { decideRightsRequest } from '@meridian/regions/rights/decide-rights-request.ts';
import { runRightsWorker } from '@meridian/regions/rights/run-rights-worker.ts';
import { startThrowawayCluster, createDatabase } from '@meridian/infra/postgres/throwaway-cluster.ts';
import { machineInfo, writeBenchResult } from './bench-result.ts';

const BULK = Number(process.env.BENCH_ERASURE_BULK ?? 10_000);
const LATENCY_SIZES = [1, 100, 10_000];
const BATCH = Number(process.env.BENCH_ERASURE_BATCH ?? 200);

let seq = 0;
function rec(externalId: string, i: number): IngestRecord {
  seq++;
  return {
    sourceMessageId: `b-${seq}`,
    channel: 'chat',
    sentAt: '2026-11-20T10:00:00Z',
    text: `Bench message ${i}: where is my parcel? It has not arrived yet.`,
    subject: { externalId, homeRegion: 'eu', country: 'DE', email: `${externalId}@example.org`, name: `Bench ${externalId}` },
    ...(i === 0 ? { consents: [{ purpose: 'analytics' as const, granted: true }] } : {}),
  };
}

async function seed(node: OpenedRegionNode, subjects: string[], perSubject: number): Promise<void> {
  const all = subjects.flatMap((s) => Array.from({ length: perSubject }, (_, i) => rec(s, i)));
  for (let i = 0; i < all.length; i += 1_000) await ingestAtomically(node, all.slice(i, i + 1_000));
}

/** Runs task(0..count-1) with at most `width` in flight. */
async function inParallel(count: number, width: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < count) await task(next++);
  }));
}

/** Files, verifies and approves an erasure request per subject (identity verified with the code the subject received). */
async function approveErasures(node: OpenedRegionNode, subjects: string[]): Promise<void> {
  const codes = new Map<string, string>();
  const notifier: Notifier = {
    async send(_trx, n: SubjectNotice) {
      codes.set(n.to, n.body.match(/code is (\d{6})/)![1]!);
    },
  };
  await inParallel(subjects.length, 8, async (i) => {
    const s = subjects[i]!;
    const r = await submitRightsRequest(node, { type: 'erasure', externalId: s, contact: { channel: 'email', value: `${s}@example.org` } }, { notifier, actor: 'bench' });
    await verifyRightsRequest(node, r.requestId, codes.get(`${s}@example.org`)!);
    await decideRightsRequest.approve(node, r.requestId, 'bench');
  });
}

/**
 * `npm run bench -- erasure`: erasure latency for subjects with 1, 100 and
 * 10,000 messages, and the throughput of 10,000 erasure requests through the
 * durable queue against a raw DELETE of the same kind of rows, on a throwaway
 * PostgreSQL cluster.
 */
export default async function erasureBench(): Promise<void> {
  process.env.LOG_LEVEL ??= 'warn';
  const cluster = await startThrowawayCluster();
  try {
    const url = await createDatabase(cluster.url, 'erasure_bench');
    const database = await openDatabase({ url, poolSize: 10 });
    const node = await openRegionNode({ region: 'eu', database, keyring: keyringFromFile(newKeyringFile()), logger: createLogger({ component: 'bench' }) });

    const latency: Record<string, number> = {};
    for (const n of LATENCY_SIZES) {
      const s = `lat-${n}`;
      await seed(node, [s], n);
      await approveErasures(node, [s]);
      await sql`vacuum analyze`.execute(node.db);
      const t0 = performance.now();
      const r = await runRightsWorker(node);
      latency[`${n}`] = (performance.now() - t0) / 1000;
      if (r.completed !== 1) throw new Error(`latency run for ${n} messages completed ${r.completed}`);
      console.log(`erasure of a subject with ${n} messages: ${(latency[`${n}`]! * 1000).toFixed(1)} ms`);
    }

    const bulk = Array.from({ length: BULK }, (_, i) => `bulk-${i}`);
    const raw = Array.from({ length: BULK }, (_, i) => `raw-${i}`);
    let t = performance.now();
    await seed(node, bulk, 1);
    await seed(node, raw, 1);
    console.log(`seeded 2 × ${BULK} subjects in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    await approveErasures(node, bulk);
    console.log(`filed, verified and approved ${BULK} erasure requests in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await sql`vacuum analyze`.execute(node.db);

    t = performance.now();
    const r = await runRightsWorker(node, { batchSize: BATCH });
    const bulkSeconds = (performance.now() - t) / 1000;
    if (r.completed !== BULK) throw new Error(`bulk completed ${r.completed} of ${BULK}`);
    const throughput = BULK / bulkSeconds;
    console.log(`bulk: ${BULK} erasures in ${bulkSeconds.toFixed(2)} s = ${throughput.toFixed(0)} subjects/s`);

    // Baseline: the same rows gone by plain DELETEs (key, subject with cascade to messages and consents, salts), no queue, no proof.
    const ids = (await sql<{ id: string }>`select id::text as id from subjects`.execute(node.db)).rows.map((x) => x.id);
    t = performance.now();
    for (let i = 0; i < ids.length; i += BATCH) {
      const chunk = ids.slice(i, i + BATCH);
      await node.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('subject_keys').where('subject_id', 'in', chunk).execute();
        await trx.deleteFrom('ledger_salts').where('subject_id', 'in', chunk).execute();
        await trx.deleteFrom('subjects').where('id', 'in', chunk).execute();
      });
    }
    const rawSeconds = (performance.now() - t) / 1000;
    const rawThroughput = ids.length / rawSeconds;
    console.log(`raw DELETE of ${ids.length} subjects' rows: ${rawSeconds.toFixed(2)} s = ${rawThroughput.toFixed(0)} subjects/s`);

    const big = latency['10000']!;
    const met = big < 1 && throughput >= 300;
    const path = writeBenchResult(
      {
        benchmark: 'erasure',
        measured: { name: `bulk erasure through the durable queue (${BULK} requests)`, value: throughput, unit: 'subjects/s' },
        baseline: { name: 'raw DELETE of the same rows (key, subject cascade, salts)', value: rawThroughput, unit: 'subjects/s' },
        ratio: throughput / rawThroughput,
        target: '10,000-message subject erased in < 1 s, and bulk >= 300 subjects/s on real Postgres',
        met,
        details: {
          latencySeconds: latency,
          bulkSeconds,
          rawDeleteSeconds: rawSeconds,
          rawSubjects: ids.length,
          batchSize: BATCH,
          perSubjectSeeded: { messages: 1, consents: 1 },
        },
        notes: [
          'Latency is the worker time from claim to completion (4 committed steps: key destroyed + tombstones, rows deleted, salts forgotten, ledger proof + completion); intake, verification and approval are not included.',
          'The queue path also writes tombstones, a ledger leaf per request and per-request outcome counts; the baseline writes none of these.',
        ],
      },
      machineInfo(cluster.version),
    );
    console.log(`wrote ${path}`);
    await node.close();
  } finally {
    cluster.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await erasureBench();
