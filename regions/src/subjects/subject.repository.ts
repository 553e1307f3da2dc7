import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database, DbOrTrx } from '@meridian/core/db/database.ts';
import { newDataKey, wrapDataKey } from '@meridian/core/crypto/data-key.ts';
import { subjectDataKeys } from './subject-data-keys.ts';
import { sealField } from '@meridian/core/crypto/field-cipher.ts';
import { bulkInsert } from '@meridian/core/db/bulk-insert.ts';
import type { RegionNode } from '../node/region-node.ts';
import { tagSubjectContacts } from '../rights/cross-region/tag-subject-contacts.ts';

/** The identifying facts of one subject in an ingest batch, already blind-indexed. */
export interface SubjectClaim {
  externalRefBidx: Uint8Array;
  jurisdiction: string;
  emailBidx?: Uint8Array;
  phoneBidx?: Uint8Array;
  name?: string;
  email?: string;
  phone?: string;
}

export interface ResolvedSubject {
  id: string;
  dek: Uint8Array;
  created: boolean;
}

const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
const same = (a: Uint8Array | null | undefined, b: Uint8Array | undefined) => (a && b ? hex(a) === hex(b) : !a && !b);

/**
 * Serialises concurrent transactions that touch the same subjects (transaction-
 * scoped advisory locks on their blind index), taken in sorted order so two
 * batches can never deadlock. Without it, two concurrent batches for one new
 * customer could both read "no consent yet" and both record the same change.
 */
export async function lockSubjects(trx: Transaction<Database>, refBidxs: readonly Uint8Array[]): Promise<void> {
  if (!refBidxs.length) return;
  const keys = [...new Set(refBidxs.map((b) => Buffer.from(b.buffer, b.byteOffset, 8).readBigInt64BE().toString()))].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  await sql`select pg_advisory_xact_lock(k) from (values ${sql.join(keys.map((k) => sql`(${k}::int8)`))}) as l(k) order by k`.execute(trx);
}

/** AAD for a personal field: binds a ciphertext to its table, column and subject. */
export function fieldAad(table: string, column: string, subjectId: string, rowId = subjectId): string {
  return `${table}.${column}:${subjectId}:${rowId}`;
}

function sealedContact(subjectId: string, dek: Uint8Array, c: SubjectClaim) {
  return {
    name_ct: c.name === undefined ? undefined : sealField(dek, c.name, fieldAad('subjects', 'name_ct', subjectId)),
    email_ct: c.email === undefined ? undefined : sealField(dek, c.email, fieldAad('subjects', 'email_ct', subjectId)),
    phone_ct: c.phone === undefined ? undefined : sealField(dek, c.phone, fieldAad('subjects', 'phone_ct', subjectId)),
  };
}

/**
 * Finds or creates the subjects of a batch by their shop customer id (blind
 * index), with their data keys. New subjects get a fresh data key wrapped by the
 * current KEK. A changed e-mail or phone is re-encrypted; the shop's id is the
 * identity, so two customers sharing an e-mail stay two subjects.
 * Concurrent creators of the same subject converge on one row.
 */
export async function resolveSubjects(
  node: RegionNode,
  trx: Transaction<Database>,
  claims: ReadonlyMap<string, SubjectClaim>,
): Promise<Map<string, ResolvedSubject>> {
  const byRef = new Map<string, ResolvedSubject>();
  const refs = [...claims.values()].map((c) => c.externalRefBidx);
  if (!refs.length) return byRef;

  const existing = await trx
    .selectFrom('subjects')
    .select(['id', 'external_ref_bidx', 'email_bidx', 'phone_bidx', 'name_ct'])
    .where('external_ref_bidx', 'in', refs)
    .execute();
  const keys = await subjectDataKeys(node, trx, existing.map((e) => e.id));
  for (const row of existing) {
    const ref = hex(row.external_ref_bidx!);
    const claim = claims.get(ref)!;
    const dek = keys.get(row.id)!;
    byRef.set(ref, { id: row.id, dek, created: false });
    const emailChanged = claim.emailBidx && !same(row.email_bidx, claim.emailBidx);
    const phoneChanged = claim.phoneBidx && !same(row.phone_bidx, claim.phoneBidx);
    const nameMissing = claim.name !== undefined && !row.name_ct;
    if (emailChanged || phoneChanged || nameMissing) {
      const sealed = sealedContact(row.id, dek, claim);
      await trx
        .updateTable('subjects')
        .set({
          ...(emailChanged ? { email_bidx: claim.emailBidx, email_ct: sealed.email_ct } : {}),
          ...(phoneChanged ? { phone_bidx: claim.phoneBidx, phone_ct: sealed.phone_ct } : {}),
          ...(nameMissing ? { name_ct: sealed.name_ct } : {}),
        })
        .where('id', '=', row.id)
        .execute();
      await tagSubjectContacts(node, trx, [{ subjectId: row.id, ...(emailChanged ? { email: claim.email, emailBidx: claim.emailBidx } : {}), ...(phoneChanged ? { phone: claim.phone, phoneBidx: claim.phoneBidx } : {}) }]);
    }
  }

  const toCreate = [...claims.entries()].filter(([ref]) => !byRef.has(ref));
  if (toCreate.length) {
    const now = node.now();
    const fresh = toCreate.map(([ref, c]) => {
      const id = randomUUID();
      const dek = newDataKey();
      return { ref, id, dek, claim: c, wrapped: wrapDataKey(node.keyring, id, dek) };
    });
    const inserted = (await bulkInsert(
      trx,
      'subjects',
      fresh.map((f) => ({
          id: f.id,
          region: node.region,
          jurisdiction: f.claim.jurisdiction,
          external_ref_bidx: f.claim.externalRefBidx,
          email_bidx: f.claim.emailBidx ?? null,
          phone_bidx: f.claim.phoneBidx ?? null,
          ...sealedContact(f.id, f.dek, f.claim),
        created_at: now,
        last_activity_at: now,
      })),
      { onConflictDoNothing: 'external_ref_bidx', returning: 'id' },
    )) as string[];
    const won = new Set(inserted);
    const winners = fresh.filter((f) => won.has(f.id));
    if (winners.length) {
      await bulkInsert(trx, 'subject_keys', winners.map((f) => ({ subject_id: f.id, kek_id: f.wrapped.kekId, wrapped_dek: f.wrapped.wrapped })));
      node.metrics.subjectsCreated.inc(winners.length);
      await tagSubjectContacts(node, trx, winners.map((f) => ({ subjectId: f.id, email: f.claim.email, emailBidx: f.claim.emailBidx, phone: f.claim.phone, phoneBidx: f.claim.phoneBidx })));
    }
    for (const f of winners) {
      node.keys.set(f.id, f.dek);
      byRef.set(f.ref, { id: f.id, dek: f.dek, created: true });
    }
    const lost = fresh.filter((f) => !won.has(f.id));
    if (lost.length) {
      // Another transaction created these subjects first: use its rows and keys.
      const rows = await trx.selectFrom('subjects').select(['id', 'external_ref_bidx']).where('external_ref_bidx', 'in', lost.map((l) => l.claim.externalRefBidx)).execute();
      const lostKeys = await subjectDataKeys(node, trx, rows.map((r) => r.id));
      for (const r of rows) byRef.set(hex(r.external_ref_bidx!), { id: r.id, dek: lostKeys.get(r.id)!, created: false });
    }
  }
  return byRef;
}

export { hex as bytesToHex };
