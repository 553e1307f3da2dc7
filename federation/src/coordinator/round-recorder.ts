import type { DbOrTrx } from '@meridian/core/db/database.ts';
import type { RoundRecord } from './round-record.ts';

/**
 * Where the coordinator records each round's outcome, inside the same
 * transaction that commits the round, its model and the checkpoint, so the
 * record exists exactly when the round happened. The ledger-backed
 * implementation (`createLedgerRoundRecorder`) is the one for production.
 *
 * @example
 * await db.transaction().execute(async (trx) => {
 *   // ... commit the round ...
 *   const { ledgerIndex } = await recorder.record(trx, record);
 * });
 */
export interface RoundRecorder {
  record(trx: DbOrTrx, record: RoundRecord): Promise<{ ledgerIndex: number | null }>;
}
