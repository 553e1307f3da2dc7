import type { Transaction } from 'kysely';
import type { Database } from '@meridian/core/db/database.ts';
import { CATALOG } from '@meridian/core/catalog/catalog.ts';
import type { RegionNode } from '../node/region-node.ts';
import { planErasure } from './erasure-plan.ts';
import { erasureExecutor } from './erasure-executor.ts';
import { tombstoneDigests } from './tombstone-digests.ts';

/**
 * Re-erases every subject that a tombstone names: hashes each stored subject's
 * id and shop-id blind index the way tombstones are made, and runs the erasure
 * steps (key, rows, salts) for every match, in the caller's transaction. Run by
 * a restore before the node serves again. Records no new ledger event: the
 * original erasure is already proven.
 *
 * @example
 * await node.db.transaction().execute((trx) => replayTombstones(node, trx));
 */
export async function replayTombstones(node: RegionNode, trx: Transaction<Database>): Promise<{ tombstones: number; reErased: number }> {
  const stones = await trx.selectFrom('erasure_tombstones').select(['digest', 'request_id']).execute();
  if (!stones.length) return { tombstones: 0, reErased: 0 };
  const known = new Map(stones.map((s) => [Buffer.from(s.digest).toString('hex'), s.request_id]));
  const subjects = await trx.selectFrom('subjects').select(['id', 'external_ref_bidx']).execute();
  // Keys without a subject row (a partial backup) are matched by subject id too.
  const keyOnly = await trx.selectFrom('subject_keys').select('subject_id').where('subject_id', 'not in', trx.selectFrom('subjects').select('id')).execute();
  const candidates = [...subjects.map((s) => ({ id: s.id, ref: s.external_ref_bidx })), ...keyOnly.map((k) => ({ id: k.subject_id, ref: null }))];
  const hits: { requestId: string; subjectId: string }[] = [];
  for (const c of candidates) {
    for (const d of tombstoneDigests(node.keyring.blindIndexKey, c.id, c.ref)) {
      const requestId = known.get(Buffer.from(d).toString('hex'));
      if (requestId) {
        hits.push({ requestId, subjectId: c.id });
        break;
      }
    }
  }
  if (hits.length) {
    const plan = planErasure(CATALOG);
    await erasureExecutor.destroyKeys(node, trx, plan, hits);
    const ids = hits.map((h) => h.subjectId);
    await erasureExecutor.deleteRows(trx, plan, ids);
    await erasureExecutor.forgetSalts(trx, ids);
    await trx.deleteFrom('rights_jobs').where('subject_id', 'in', ids).execute();
  }
  return { tombstones: stones.length, reErased: hits.length };
}
