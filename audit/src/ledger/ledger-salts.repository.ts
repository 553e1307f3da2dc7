import { sql } from 'kysely';
import type { DbOrTrx } from '@meridian/core/db/database.ts';

/** One salt row to store: the commitment it opens, whose it is, and the salt. */
export interface SaltRow {
  commitment: Uint8Array;
  subjectId: string | null;
  salt: Uint8Array;
}

/**
 * Storage of commitment salts, apart from the log. Deleting a subject's rows
 * is the ledger's half of erasure: their leaves stay (so every proof still
 * verifies) but can no longer be linked to their data.
 *
 * @example
 * await ledgerSalts.insert(trx, rows);
 * const removed = await ledgerSalts.forgetSubject(trx, subjectId);
 */
export const ledgerSalts = {
  /** Inserts in one statement, however many rows. */
  async insert(db: DbOrTrx, rows: readonly SaltRow[]): Promise<void> {
    if (rows.length === 0) return;
    await sql`
      insert into ledger_salts (commitment, subject_id, salt)
      select * from unnest(${rows.map((r) => r.commitment)}::bytea[], ${rows.map((r) => r.subjectId)}::uuid[], ${rows.map((r) => r.salt)}::bytea[])
    `.execute(db);
  },

  /** The salt that opens `commitment`, if it still exists. */
  async find(db: DbOrTrx, commitment: Uint8Array): Promise<Uint8Array | undefined> {
    const row = await db.selectFrom('ledger_salts').select('salt').where('commitment', '=', commitment).executeTakeFirst();
    return row?.salt;
  },

  /** Deletes every salt of a subject (erasure) and returns how many there were. */
  async forgetSubject(db: DbOrTrx, subjectId: string): Promise<number> {
    const result = await db.deleteFrom('ledger_salts').where('subject_id', '=', subjectId).executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  /** How many salts a subject has (for erasure certificates and tests). */
  async countForSubject(db: DbOrTrx, subjectId: string): Promise<number> {
    const row = await db.selectFrom('ledger_salts').select((eb) => eb.fn.countAll<number>().as('n')).where('subject_id', '=', subjectId).executeTakeFirstOrThrow();
    return Number(row.n);
  },
};
