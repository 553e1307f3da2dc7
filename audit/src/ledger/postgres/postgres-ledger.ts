import { sql, type Kysely } from 'kysely';
import type { Database, DbOrTrx } from '@meridian/core/db/database.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { Ledger } from '../ledger.ts';
import type { LedgerEntry } from '../ledger-entry.ts';
import type { AppendedEntry } from '../appended-entry.ts';
import type { NoteSigner } from '../../note/note-signer.ts';
import type { SignedCheckpoint } from '../../checkpoint/signed-checkpoint.ts';
import { commitEntries, type SaltSource } from '../commit-entries.ts';
import { rangeNodes } from '../../merkle/range-nodes.ts';
import { foldRange } from '../../merkle/fold-range.ts';
import { inclusionProofPlan } from '../../merkle/inclusion-proof-plan.ts';
import { consistencyProofPlan } from '../../merkle/consistency-proof-plan.ts';
import { assembleProof } from '../../merkle/assemble-proof.ts';
import { verifyConsistency } from '../../merkle/verify-consistency.ts';
import { hex } from '../../merkle/hex.ts';
import { signCheckpoint } from '../../checkpoint/sign-checkpoint.ts';
import { mergeCosignatures } from '../../cosignature/merge-cosignatures.ts';
import { parseNote } from '../../note/parse-note.ts';
import { parseCheckpoint } from '../../checkpoint/parse-checkpoint.ts';
import { tileLayout } from './tile-layout.ts';
import { planTileAppend } from './plan-tile-append.ts';
import { ledgerTiles } from './ledger-tiles.repository.ts';

export interface PostgresLedgerOptions {
  /** The region's database; reads and checkpoints use it, appends use the caller's transaction. */
  db: Kysely<Database>;
  /** The log key; its name is the log's origin. */
  signer: NoteSigner;
  /** Salt source for commitments (tests seed it). */
  salts?: SaltSource;
}

/**
 * The `Ledger` in the region's own Postgres (or PGlite): leaves in
 * `ledger_entries`, perfect-subtree hashes in `ledger_tiles`, the size in the
 * locked `ledger_head` row, signed notes in `ledger_checkpoints`. A batch of
 * appends is six statements whatever its size; a proof reads O(log n) hashes
 * from at most a few tile rows per tile level.
 *
 * @example
 * const ledger = postgresLedger({ db, signer: ed25519NoteSigner('meridian.local/ledger/eu', key) });
 * await db.transaction().execute((trx) => ledger.append(trx, entries));
 * await ledger.checkpoint();
 */
export function postgresLedger(options: PostgresLedgerOptions): Ledger {
  const { db, signer } = options;
  const origin = signer.name;

  const currentSize = async (q: DbOrTrx = db): Promise<number> => {
    const row = await q.selectFrom('ledger_head').select('size').where('id', '=', 1).executeTakeFirst();
    if (!row) throw new MeridianError('INTERNAL', 'ledger head row is missing: run the 0002-ledger migration');
    return Number(row.size);
  };

  const requireSize = async (size: number, what: string): Promise<void> => {
    const current = await currentSize();
    if (!Number.isSafeInteger(size) || size < 0 || size > current) {
      throw new MeridianError('BAD_INPUT', `${what}: tree size ${size} is beyond the log (size ${current})`, { size, logSize: current });
    }
  };

  const rootAt = async (q: DbOrTrx, size: number): Promise<Uint8Array> => foldRange(await ledgerTiles.nodes(q, rangeNodes(0, size)));

  const toSigned = (row: { note: Uint8Array }): SignedCheckpoint => {
    let note: string;
    try {
      note = new TextDecoder('utf-8', { fatal: true }).decode(row.note);
    } catch {
      throw new MeridianError('INTERNAL', 'stored checkpoint is not UTF-8');
    }
    return { checkpoint: parseCheckpoint(parseNote(note).text), note };
  };

  const append = async (trx: DbOrTrx, entries: Parameters<Ledger['append']>[1]): Promise<AppendedEntry[]> => {
    if (entries.length === 0) return [];
    if (!trx.isTransaction) return (trx as Kysely<Database>).transaction().execute((t) => append(t, entries));
    const committed = await commitEntries(trx, entries, options.salts);
    // Serialises appenders: the head row is the one lock, held to commit.
    const head = await sql<{ size: number }>`select size from ledger_head where id = 1 for update`.execute(trx);
    const size = Number(head.rows[0]?.size ?? Number.NaN);
    if (!Number.isSafeInteger(size)) throw new MeridianError('INTERNAL', 'ledger head row is missing: run the 0002-ledger migration');
    const partial = await ledgerTiles.read(trx, tileLayout.partialTiles(size));
    const writes = planTileAppend(size, partial, committed.map((c) => c.leafHash));
    await sql`
      insert into ledger_entries (idx, ref_id, leaf)
      select * from unnest(${committed.map((_, i) => size + i)}::bigint[], ${committed.map((c) => c.refId)}::text[], ${committed.map((c) => c.leaf)}::bytea[])
    `.execute(trx);
    await ledgerTiles.write(trx, writes);
    await trx.updateTable('ledger_head').set({ size: size + committed.length, updated_at: new Date() }).where('id', '=', 1).execute();
    return committed.map((c, i) => ({ index: size + i, leafHash: c.leafHash, commitment: c.commitment }));
  };

  const latestCheckpoint = async (): Promise<SignedCheckpoint | undefined> => {
    const row = await db.selectFrom('ledger_checkpoints').select('note').orderBy('size', 'desc').limit(1).executeTakeFirst();
    return row && toSigned(row);
  };

  const ledger: Ledger = {
    origin,
    append,
    size: () => currentSize(),

    async root(size) {
      await requireSize(size, 'root');
      return rootAt(db, size);
    },

    async inclusionProof(index, size) {
      await requireSize(size, 'inclusion proof');
      const plan = inclusionProofPlan(index, size);
      return { index, size, hashes: assembleProof(plan, await ledgerTiles.nodes(db, plan.ids)) };
    },

    async consistencyProof(from, to) {
      await requireSize(to, 'consistency proof');
      const plan = consistencyProofPlan(from, to);
      return { from, to, hashes: assembleProof(plan, await ledgerTiles.nodes(db, plan.ids)) };
    },

    async entries(from, to) {
      if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || to < from) {
        throw new MeridianError('BAD_INPUT', 'entries: need 0 ≤ from ≤ to', { from, to });
      }
      const rows = await db.selectFrom('ledger_entries').select(['idx', 'leaf']).where('idx', '>=', from).where('idx', '<', to).orderBy('idx').execute();
      return rows.map((r): LedgerEntry => ({ index: Number(r.idx), leaf: r.leaf }));
    },

    async entriesByRef(refId) {
      const rows = await db.selectFrom('ledger_entries').select(['idx', 'leaf']).where('ref_id', '=', refId).orderBy('idx').execute();
      return rows.map((r): LedgerEntry => ({ index: Number(r.idx), leaf: r.leaf }));
    },

    latestCheckpoint,

    async checkpoints(fromSize, toSize) {
      const rows = await db.selectFrom('ledger_checkpoints').select('note').where('size', '>=', fromSize).where('size', '<=', toSize).orderBy('size').execute();
      return rows.map(toSigned);
    },

    async checkpoint() {
      const size = await currentSize();
      const latest = await latestCheckpoint();
      if (latest && latest.checkpoint.size === size) return latest;
      const rootHash = await rootAt(db, size);
      if (latest) {
        // Never sign a view the last checkpoint cannot extend: corrupted tiles
        // would otherwise turn into a signed split view.
        const proof = await ledger.consistencyProof(latest.checkpoint.size, size);
        try {
          verifyConsistency(latest.checkpoint.size, size, proof.hashes, latest.checkpoint.rootHash, rootHash);
        } catch (cause) {
          throw new MeridianError('INTERNAL', 'ledger storage is inconsistent with its last checkpoint; refusing to sign', {
            lastSize: latest.checkpoint.size, size, lastRoot: hex(latest.checkpoint.rootHash), root: hex(rootHash),
          }, { cause });
        }
      }
      const signed = signCheckpoint({ origin, size, rootHash, extensions: [] }, signer);
      await db.insertInto('ledger_checkpoints').values({ size, note: Buffer.from(signed.note, 'utf8') }).onConflict((oc) => oc.column('size').doNothing()).execute();
      const stored = await db.selectFrom('ledger_checkpoints').select('note').where('size', '=', size).executeTakeFirstOrThrow();
      return toSigned(stored);
    },

    async addCosignatures(size, signatureLines) {
      return db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('ledger_checkpoints').select('note').where('size', '=', size).forUpdate().executeTakeFirst();
        if (!row) throw new MeridianError('NOT_FOUND', `no checkpoint of size ${size}`, { size });
        const current = toSigned(row);
        const note = mergeCosignatures(current.note, signatureLines);
        if (note === current.note) return current;
        await trx.updateTable('ledger_checkpoints').set({ note: Buffer.from(note, 'utf8') }).where('size', '=', size).execute();
        return { checkpoint: current.checkpoint, note };
      });
    },
  };
  return ledger;
}
