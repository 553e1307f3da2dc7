import type { DbOrTrx } from '@meridian/core/db/database.ts';
import type { LedgerEntryInput } from './ledger-entry-input.ts';
import type { AppendedEntry } from './appended-entry.ts';
import type { LedgerEntry } from './ledger-entry.ts';
import type { InclusionProof } from '../merkle/inclusion-proof.ts';
import type { ConsistencyProof } from '../merkle/consistency-proof.ts';
import type { SignedCheckpoint } from '../checkpoint/signed-checkpoint.ts';

/**
 * One region's append-only audit log: an RFC 6962 / 9162 Merkle tree of leaves
 * with C2SP signed checkpoints. Every backend (Postgres in `./postgres/`,
 * Fabric in `../fabric/`) implements exactly this contract.
 *
 * Rules every implementation keeps:
 * - Leaves are built by `commitEntries` (`./commit-entries.ts`), which draws a
 *   fresh random salt per entry, writes it to `ledger_salts` in the caller's
 *   transaction and returns the canonical leaf bytes. Backends never see
 *   `payload` or `subjectId` beyond that call.
 * - Indexes are 0-based and dense; sizes count leaves. `root(size)`,
 *   `inclusionProof` and `consistencyProof` work for any size up to `size()`,
 *   not only the latest, and are byte-identical to RFC 9162's definitions.
 * - Methods throw `MeridianError` (`BAD_INPUT` for out-of-range arguments,
 *   `CONFLICT` when concurrent appends race, `UNAVAILABLE` for a backend outage).
 *
 * @example
 * await db.transaction().execute(async (trx) => {
 *   await storeMessage(trx, message);
 *   const [appended] = await ledger.append(trx, [{
 *     type: 'interaction', region: 'eu', time: message.receivedAt,
 *     refId: message.id, subjectId: message.subjectId,
 *     payload: canonicalMessageBytes, meta: { route: 'bot' },
 *   }]);
 * });
 * const signed = await ledger.checkpoint();
 */
export interface Ledger {
  /** The log's origin line, e.g. `meridian.local/ledger/eu`. */
  readonly origin: string;

  /**
   * Appends `entries` in order inside `trx`, so they commit or roll back with
   * the event they prove. A batch costs one tree update. The Postgres backend
   * serializes concurrent appenders on a head-row lock; the Fabric backend
   * uses `trx` only for the salts.
   */
  append(trx: DbOrTrx, entries: readonly LedgerEntryInput[]): Promise<AppendedEntry[]>;

  /** Number of committed leaves. */
  size(): Promise<number>;

  /** RFC 6962 root hash of the first `size` leaves (SHA-256 of "" for 0). */
  root(size: number): Promise<Uint8Array>;

  /** Proof that leaf `index` is in the tree of `size` leaves (index < size ≤ size()). */
  inclusionProof(index: number, size: number): Promise<InclusionProof>;

  /** Proof that the tree of `to` leaves extends the tree of `from` leaves (0 ≤ from ≤ to ≤ size()). */
  consistencyProof(from: number, to: number): Promise<ConsistencyProof>;

  /** Entries with from ≤ index < to, in index order. */
  entries(from: number, to: number): Promise<LedgerEntry[]>;

  /** Every entry whose leaf carries `refId` (request id, round id, message id), in index order. */
  entriesByRef(refId: string): Promise<LedgerEntry[]>;

  /** The newest stored checkpoint, with any cosignatures added so far. */
  latestCheckpoint(): Promise<SignedCheckpoint | undefined>;

  /** Stored checkpoints with fromSize ≤ size ≤ toSize, oldest first. */
  checkpoints(fromSize: number, toSize: number): Promise<SignedCheckpoint[]>;

  /**
   * Signs and stores a checkpoint of the current tree. When nothing was
   * appended since the latest checkpoint, returns that one unchanged.
   */
  checkpoint(): Promise<SignedCheckpoint>;

  /**
   * Attaches witness cosignature lines (C2SP tlog-cosignature, `— name base64`)
   * to the stored checkpoint of `size`; duplicates are ignored.
   */
  addCosignatures(size: number, signatureLines: readonly string[]): Promise<SignedCheckpoint>;
}
