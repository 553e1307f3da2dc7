import { unwrapDataKey } from '@meridian/core/crypto/data-key.ts';
import type { DbOrTrx } from '@meridian/core/db/database.ts';
import type { RegionNode } from '../node/region-node.ts';

/**
 * A subject's unwrapped data key (from the node's cache, else unwrapped from
 * `subject_keys`), or undefined once the key is destroyed.
 *
 * @example
 * const dek = await subjectDataKey(node, trx, subjectId);
 */
export async function subjectDataKey(node: RegionNode, db: DbOrTrx, subjectId: string): Promise<Uint8Array | undefined> {
  const cached = node.keys.get(subjectId);
  if (cached) return cached;
  const row = await db.selectFrom('subject_keys').select(['kek_id', 'wrapped_dek']).where('subject_id', '=', subjectId).executeTakeFirst();
  if (!row) return undefined;
  const dek = unwrapDataKey(node.keyring, subjectId, { kekId: row.kek_id, wrapped: row.wrapped_dek });
  node.keys.set(subjectId, dek);
  return dek;
}
