import type { RoundRecorder } from '../round-recorder.ts';
import type { RoundRecord } from '../round-record.ts';

/** A `RoundRecorder` that keeps records in memory, with the list to read them back. */
export interface MemoryRoundRecorder extends RoundRecorder {
  readonly records: readonly RoundRecord[];
}

/**
 * Round records in a list: for in-process simulations and benches, where no
 * ledger exists. It does not take part in the transaction, so a record of
 * a round whose commit later fails stays in the list; use the ledger
 * recorder wherever records must be proofs.
 *
 * @example
 * const recorder = createMemoryRoundRecorder();
 * // ... run rounds ...
 * recorder.records.map((r) => r.modelOut);
 */
export function createMemoryRoundRecorder(): MemoryRoundRecorder {
  const records: RoundRecord[] = [];
  return {
    records,
    async record(_trx, record) {
      records.push(structuredClone(record));
      return { ledgerIndex: null };
    },
  };
}
