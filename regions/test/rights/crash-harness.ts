import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { decodeLeaf } from '@meridian/audit/ledger/decode-leaf.ts';
import type { KeyringFile } from '@meridian/core/crypto/region-keyring.ts';
import { ingestAtomically } from '../../src/ingest/ingest-batch.ts';
import { runRightsWorker } from '../../src/rights/run-rights-worker.ts';
import type { OpenedRegionNode } from '../../src/node/open-region-node.ts';
import { record } from '../node-fixture.ts';
import { approvedRequest, memoryNotifier } from './rights-fixture.ts';

const WORKER = fileURLToPath(new URL('./fixtures/rights-worker-process.ts', import.meta.url));

export interface TrialResult {
  kills: number;
  requests: number;
  completed: number;
  erasureEvents: number;
  duplicateEvents: number;
  leftovers: Record<string, number>;
  /** Jobs still unfinished after the killed rounds (shows the kills landed mid-work). */
  unfinishedAfterKills: number;
}

/** Runs one worker process and SIGKILLs it after `killAfterBatches` committed batches (plus a random few ms), or lets it finish. */
function runWorker(config: string, killAfterBatches: number | null): Promise<{ killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [WORKER, config], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LOG_LEVEL: 'silent' } });
    let batches = 0;
    let killed = false;
    let buf = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buf += chunk;
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.includes('"batch"')) batches++;
        if (killAfterBatches !== null && !killed && batches >= killAfterBatches) {
          killed = true;
          // A random delay lands the kill anywhere inside the next step's transaction.
          setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 15));
        }
      }
    });
    child.once('exit', () => resolve({ killed }));
  });
}

/**
 * One crash trial: seeds `erasures` subjects with messages and consents, files
 * and approves an erasure request for each (identity verified), then runs two
 * worker processes at a time, killing them with SIGKILL at random batches,
 * `kills` times, and finally lets a worker finish. Returns what is left.
 */
export async function crashTrial(node: OpenedRegionNode, url: string, keyring: KeyringFile, opts: { erasures: number; kills: number; batchSize?: number; tag: string }): Promise<TrialResult> {
  const notifier = memoryNotifier();
  const people = Array.from({ length: opts.erasures }, (_, i) => ({ externalId: `crash-${opts.tag}-${i}`, email: `crash-${opts.tag}-${i}@example.org` }));
  for (let i = 0; i < people.length; i += 250) {
    await ingestAtomically(node, people.slice(i, i + 250).flatMap((p) => [record('eu', { subject: p, consents: [{ purpose: 'analytics', granted: true }] }), record('eu', { subject: p })]));
  }
  const requestIds: string[] = [];
  for (let i = 0; i < people.length; i += 8) {
    requestIds.push(...(await Promise.all(people.slice(i, i + 8).map((p) => approvedRequest(node, notifier, { type: 'erasure', externalId: p.externalId, contact: { channel: 'email', value: p.email } })))));
  }
  const subjectIds = (await sql<{ id: string }>`select subject_id::text as id from rights_jobs where request_id in (${sql.join(requestIds)})`.execute(node.db)).rows.map((r) => r.id);
  const dir = mkdtempSync(join(tmpdir(), 'meridian-crash-'));
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ url, keyring, batchSize: opts.batchSize ?? 16 }), { mode: 0o600 });
  const totalBatches = Math.ceil(opts.erasures / (opts.batchSize ?? 16)) * 4;
  let kills = 0;
  let unfinishedAfterKills = 0;
  try {
    for (let k = 0; k < opts.kills; k++) {
      const at = () => 1 + Math.floor(Math.random() * Math.max(1, totalBatches / (opts.kills + 1)));
      const r = await Promise.all([runWorker(config, at()), runWorker(config, at())]);
      kills += r.filter((x) => x.killed).length;
    }
    unfinishedAfterKills = Number((await sql<{ n: number }>`select count(*)::int8 as n from rights_jobs`.execute(node.db)).rows[0]!.n);
    await runWorker(config, null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Anything a killed worker left unfinished and backed off is due again after its backoff: finish it here.
  await sql`update rights_jobs set run_after = now() - interval '1 second'`.execute(node.db);
  await runRightsWorker(node);

  const statuses = await node.db.selectFrom('rights_requests').select(['id', 'status']).where('id', 'in', requestIds).execute();
  let erasureEvents = 0;
  let duplicateEvents = 0;
  for (const id of requestIds) {
    const n = (await node.ledger.entriesByRef(id)).filter((e) => decodeLeaf(e.leaf).type === 'erasure').length;
    erasureEvents += n;
    if (n > 1) duplicateEvents += n - 1;
  }
  const count = async (q: ReturnType<typeof sql<{ n: number }>>) => Number((await q.execute(node.db)).rows[0]!.n);
  const ids = sql.join(subjectIds);
  const leftovers = {
    subjects: await count(sql<{ n: number }>`select count(*)::int8 as n from subjects where id in (${ids})`),
    subject_keys: await count(sql<{ n: number }>`select count(*)::int8 as n from subject_keys where subject_id in (${ids})`),
    messages: await count(sql<{ n: number }>`select count(*)::int8 as n from messages where subject_id in (${ids})`),
    consents: await count(sql<{ n: number }>`select count(*)::int8 as n from consents where subject_id in (${ids})`),
    ledger_salts: await count(sql<{ n: number }>`select count(*)::int8 as n from ledger_salts where subject_id in (${ids})`),
    rights_jobs: await count(sql<{ n: number }>`select count(*)::int8 as n from rights_jobs where request_id in (${sql.join(requestIds)})`),
    rights_request_subjects: await count(sql<{ n: number }>`select count(*)::int8 as n from rights_request_subjects where request_id in (${sql.join(requestIds)})`),
  };
  return { kills, unfinishedAfterKills, requests: requestIds.length, completed: statuses.filter((s) => s.status === 'completed').length, erasureEvents, duplicateEvents, leftovers };
}
