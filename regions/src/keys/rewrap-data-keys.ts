import { unwrapDataKey, wrapDataKey } from '@meridian/core/crypto/data-key.ts';
import type { RegionKeyring } from '@meridian/core/crypto/region-keyring.ts';
import type { Db } from '@meridian/core/db/database.ts';

export interface RewrapProgress {
  done: number;
  total: number;
}

/**
 * Re-wraps every data key not yet under the keyring's current KEK. Data keys
 * themselves do not change, so no message is re-encrypted: rotation costs one
 * small row per subject. Batches commit separately, so an interrupted rotation
 * simply continues on the next run; an old KEK can be retired once this returns 0 left.
 *
 * @example
 * await rewrapDataKeys(db, rotatedKeyring, { onProgress: (p) => bar.update(p.done) });
 */
export async function rewrapDataKeys(db: Db, keyring: RegionKeyring, opts: { batchSize?: number; onProgress?: (p: RewrapProgress) => void } = {}): Promise<{ rewrapped: number; remaining: number }> {
  const batchSize = opts.batchSize ?? 1_000;
  const total = Number((await db.selectFrom('subject_keys').select((e) => e.fn.countAll<number>().as('c')).where('kek_id', '<>', keyring.current).executeTakeFirstOrThrow()).c);
  let done = 0;
  opts.onProgress?.({ done, total });
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('subject_keys')
        .select(['subject_id', 'kek_id', 'wrapped_dek'])
        .where('kek_id', '<>', keyring.current)
        .limit(batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const r of rows) {
        const dek = unwrapDataKey(keyring, r.subject_id, { kekId: r.kek_id, wrapped: r.wrapped_dek });
        const w = wrapDataKey(keyring, r.subject_id, dek);
        dek.fill(0);
        await trx.updateTable('subject_keys').set({ kek_id: w.kekId, wrapped_dek: w.wrapped }).where('subject_id', '=', r.subject_id).execute();
      }
      return rows.length;
    });
    if (!n) break;
    done += n;
    opts.onProgress?.({ done, total });
  }
  const remaining = Number((await db.selectFrom('subject_keys').select((e) => e.fn.countAll<number>().as('c')).where('kek_id', '<>', keyring.current).executeTakeFirstOrThrow()).c);
  return { rewrapped: done, remaining };
}
