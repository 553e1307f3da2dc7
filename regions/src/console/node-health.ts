import { sql } from 'kysely';
import type { Ledger } from '@meridian/audit/ledger/ledger.ts';
import { parseNote } from '@meridian/audit/note/parse-note.ts';
import type { RegionNode } from '../node/region-node.ts';

/**
 * How the node is doing, without counting anybody: database reachable, ledger
 * size and its latest checkpoint (with how many cosignatures), witness
 * alarms, rights-queue backlog (jobs, not people), whether routing models are
 * loaded, and the process.
 *
 * @example
 * const h = await nodeHealth(node); // { database: 'ok', ledger: { size: 5120, ... }, ... }
 */
export async function nodeHealth(node: RegionNode & { ledger?: Ledger }) {
  let database: 'ok' | 'unavailable' = 'ok';
  try {
    await sql`select 1`.execute(node.db);
  } catch {
    database = 'unavailable';
  }
  const ledger = node.ledger;
  const latest = ledger && database === 'ok' ? await ledger.latestCheckpoint() : undefined;
  const [alarms, jobs] = database === 'ok'
    ? await Promise.all([
        node.db.selectFrom('ledger_witness_alarms').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
        node.db.selectFrom('rights_jobs').select([(eb) => eb.fn.countAll<string>().as('n'), sql<Date | null>`min(run_after)`.as('oldest')]).executeTakeFirstOrThrow(),
      ])
    : [undefined, undefined];
  const mem = process.memoryUsage();
  return {
    region: node.region,
    name: node.policy.profile.name,
    location: node.policy.profile.location,
    dialect: node.dialect,
    database,
    ledger: ledger
      ? {
          origin: ledger.origin,
          size: database === 'ok' ? await ledger.size() : null,
          // The first signature is the log's own; the rest are witnesses'.
          checkpoint: latest ? { size: latest.checkpoint.size, cosignatures: parseNote(latest.note).signatures.length - 1 } : null,
        }
      : null,
    witnessAlarms: alarms ? Number(alarms.n) : null,
    rightsQueue: jobs ? { jobs: Number(jobs.n), oldestDueAt: jobs.oldest ? new Date(jobs.oldest).toISOString() : null } : null,
    routingModels: node.classifier ? 'loaded' : 'none',
    process: { uptimeSeconds: Math.round(process.uptime()), rssBytes: mem.rss, heapUsedBytes: mem.heapUsed, node: process.version },
    checkedAt: node.now().toISOString(),
  };
}
