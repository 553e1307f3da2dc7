import { unwrapDataKey } from '@meridian/core/crypto/data-key.ts';
import type { DbOrTrx } from '@meridian/core/db/database.ts';
import type { RegionNode } from '../node/region-node.ts';

/**
 * The unwrapped data keys of these subjects: from the node's cache, else
 * unwrapped from `subject_keys` in one query (and cached). A subject whose key
 * was destroyed is simply absent.
 *
 * @example
 * const keys = await subjectDataKeys(node, trx, ['3f0c…', '9a1e…']);
 */
export async function subjectDataKeys(node: RegionNode, db: DbOrTrx, ids: readonly string[]): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  const missing = [...new Set(ids)].filter((id) => {
    const k = node.keys.get(id);
    if (k) out.set(id, k);
    return !k;
  });
  if (missing.length) {
    const rows = await db.selectFrom('subject_keys').select(['subject_id', 'kek_id', 'wrapped_dek']).where('subject_id', 'in', missing).execute();
    for (const r of rows) {
      const dek = unwrapDataKey(node.keyring, r.subject_id, { kekId: r.kek_id, wrapped: r.wrapped_dek });
      node.keys.set(r.subject_id, dek);
      out.set(r.subject_id, dek);
    }
  }
  return out;
}

/**
 * One subject's data key, or undefined once it is destroyed.
 *
 * @example
 * const dek = await subjectDataKey(node, trx, subjectId);
 */
export async function subjectDataKey(node: RegionNode, db: DbOrTrx, subjectId: string): Promise<Uint8Array | undefined> {
  return (await subjectDataKeys(node, db, [subjectId])).get(subjectId);
}
