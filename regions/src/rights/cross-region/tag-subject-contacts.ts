import type { Transaction } from 'kysely';
import type { Database } from '@meridian/core/db/database.ts';
import type { RegionNode } from '../../node/region-node.ts';
import { lookupTags, type TagSource } from './lookup-tags.repository.ts';

/** A subject's contacts as ingestion or rectification has them in hand (plaintext and blind index). */
export interface ContactsInHand {
  subjectId: string;
  email?: string;
  emailBidx?: Uint8Array;
  phone?: string;
  phoneBidx?: Uint8Array;
}

/**
 * Writes the lookup tags of contacts being stored, in the caller's transaction,
 * so a subject is findable from the other regions as soon as they exist. A node
 * without the federation lookup key writes none (`syncLookupTags` fills them in
 * once it has the key).
 *
 * @example
 * await tagSubjectContacts(node, trx, [{ subjectId, email: 'ana@example.org', emailBidx }]);
 */
export async function tagSubjectContacts(node: RegionNode, trx: Transaction<Database>, contacts: readonly ContactsInHand[]): Promise<void> {
  const key = node.crossRegion?.lookupKey;
  if (!key) return;
  const sources: TagSource[] = [];
  for (const c of contacts) {
    if (c.email !== undefined && c.emailBidx) sources.push({ subjectId: c.subjectId, kind: 'email', value: c.email, sourceBidx: c.emailBidx });
    if (c.phone !== undefined && c.phoneBidx) sources.push({ subjectId: c.subjectId, kind: 'phone', value: c.phone, sourceBidx: c.phoneBidx });
  }
  await lookupTags.write(trx, key, sources, node.now());
}
