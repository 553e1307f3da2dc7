/**
 * The committed world state of one chaincode namespace on one channel, as the
 * peers' state database holds it, plus the validation a committing peer runs
 * on each transaction. Part of the ChaincodeStub double: see
 * `chaincode-stub-double.ts` for what is and is not modelled.
 *
 * Modelled Fabric semantics:
 * - keys are ordered by their UTF-8 bytes (LevelDB order), not by JS string order;
 * - every committed write gets a version (block number, tx number);
 * - MVCC validation: a transaction whose read set names a version that is no
 *   longer current (including "absent" → now present) is invalidated with
 *   MVCC_READ_CONFLICT and none of its writes apply;
 * - phantom-read validation: range queries are re-executed at commit; if the
 *   keys or versions seen changed, PHANTOM_READ_CONFLICT;
 * - a transaction id can commit only once (DUPLICATE_TXID);
 * - a chaincode event is delivered only for a VALID transaction.
 */

/** Fabric's TxValidationCode values used here (peer/transaction.proto). */
export const TxValidationCode = {
  VALID: 0,
  DUPLICATE_TXID: 9,
  ENDORSEMENT_POLICY_FAILURE: 10,
  MVCC_READ_CONFLICT: 11,
  PHANTOM_READ_CONFLICT: 12,
} as const;
export type TxValidationCodeValue = (typeof TxValidationCode)[keyof typeof TxValidationCode];

export interface Version {
  blockNum: number;
  txNum: number;
}

export interface VersionedValue {
  value: Buffer;
  version: Version;
}

/** A key read during simulation and the version it had (null: absent). */
export interface KVRead {
  key: string;
  version: Version | null;
}

export interface KVWrite {
  key: string;
  isDelete: boolean;
  value: Buffer;
}

/** A range query as recorded for phantom detection. */
export interface RangeQueryInfo {
  startKey: string;
  /** '' means unbounded. */
  endKey: string;
  /** True when the iterator was drained; otherwise only the prefix read is checked. */
  itrExhausted: boolean;
  reads: KVRead[];
}

export interface ReadWriteSet {
  reads: KVRead[];
  rangeQueries: RangeQueryInfo[];
  writes: KVWrite[];
}

export interface ChaincodeEventRecord {
  chaincodeName: string;
  txId: string;
  eventName: string;
  payload: Buffer;
  blockNumber: number;
}

/** A transaction ready to be ordered: its id, its simulation results, its event. */
export interface EndorsedTransaction {
  txId: string;
  rwset: ReadWriteSet;
  event?: { name: string; payload: Buffer };
}

export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function sameVersion(a: Version | null, b: Version | null): boolean {
  if (a === null || b === null) return a === b;
  return a.blockNum === b.blockNum && a.txNum === b.txNum;
}

/**
 * An immutable view of the state at one block height. Simulation runs against
 * a snapshot, as a Fabric peer simulates under a read lock: commits that land
 * while a chaincode is running are not visible to it.
 */
export class StateSnapshot {
  readonly height: number;
  private readonly data: ReadonlyMap<string, VersionedValue>;
  private sorted: string[] | undefined;

  constructor(data: ReadonlyMap<string, VersionedValue>, height: number) {
    this.data = data;
    this.height = height;
  }

  get(key: string): VersionedValue | undefined {
    return this.data.get(key);
  }

  /** Keys k with startKey ≤ k < endKey in UTF-8 byte order ('' endKey: unbounded). */
  range(startKey: string, endKey: string): Array<{ key: string; entry: VersionedValue }> {
    this.sorted ??= [...this.data.keys()].sort(compareKeys);
    const out: Array<{ key: string; entry: VersionedValue }> = [];
    for (const key of this.sorted) {
      if (compareKeys(key, startKey) < 0) continue;
      if (endKey !== '' && compareKeys(key, endKey) >= 0) break;
      out.push({ key, entry: this.data.get(key)! });
    }
    return out;
  }

  keys(): string[] {
    return [...this.data.keys()].sort(compareKeys);
  }
}

export class WorldState {
  readonly chaincodeName: string;
  private data = new Map<string, VersionedValue>();
  private blockHeight = 0;
  private readonly committedTxIds = new Set<string>();
  private readonly eventLog: ChaincodeEventRecord[] = [];
  private current: StateSnapshot;

  constructor(chaincodeName = 'meridian-ledger') {
    this.chaincodeName = chaincodeName;
    this.current = new StateSnapshot(this.data, 0);
  }

  snapshot(): StateSnapshot {
    return this.current;
  }

  get height(): number {
    return this.blockHeight;
  }

  /** Committed chaincode events, in commit order. */
  get events(): readonly ChaincodeEventRecord[] {
    return this.eventLog;
  }

  /**
   * Orders and commits one block. Transactions are validated in order, each
   * against the state left by the valid ones before it, exactly as a
   * committing peer does. Returns one validation code per transaction.
   */
  commitBlock(txs: readonly EndorsedTransaction[]): TxValidationCodeValue[] {
    const blockNum = this.blockHeight + 1;
    const next = new Map(this.data);
    const codes: TxValidationCodeValue[] = [];
    txs.forEach((tx, txNum) => {
      const code = this.validate(tx, next);
      codes.push(code);
      if (code !== TxValidationCode.VALID) return;
      this.committedTxIds.add(tx.txId);
      for (const w of tx.rwset.writes) {
        if (w.isDelete) next.delete(w.key);
        else next.set(w.key, { value: Buffer.from(w.value), version: { blockNum, txNum } });
      }
      if (tx.event) {
        this.eventLog.push({
          chaincodeName: this.chaincodeName,
          txId: tx.txId,
          eventName: tx.event.name,
          payload: Buffer.from(tx.event.payload),
          blockNumber: blockNum,
        });
      }
    });
    this.data = next;
    this.blockHeight = blockNum;
    this.current = new StateSnapshot(next, blockNum);
    return codes;
  }

  private validate(tx: EndorsedTransaction, state: ReadonlyMap<string, VersionedValue>): TxValidationCodeValue {
    if (this.committedTxIds.has(tx.txId)) return TxValidationCode.DUPLICATE_TXID;
    for (const r of tx.rwset.reads) {
      if (!sameVersion(r.version, state.get(r.key)?.version ?? null)) return TxValidationCode.MVCC_READ_CONFLICT;
    }
    const view = new StateSnapshot(state, -1);
    for (const q of tx.rwset.rangeQueries) {
      const now = view.range(q.startKey, q.endKey);
      const relevant = q.itrExhausted ? now : now.filter((r) => q.reads.length > 0 && compareKeys(r.key, q.reads[q.reads.length - 1]!.key) <= 0);
      if (relevant.length !== q.reads.length) return TxValidationCode.PHANTOM_READ_CONFLICT;
      for (let i = 0; i < relevant.length; i++) {
        const seen = q.reads[i]!;
        const cur = relevant[i]!;
        if (seen.key !== cur.key || !sameVersion(seen.version, cur.entry.version)) return TxValidationCode.PHANTOM_READ_CONFLICT;
      }
    }
    return TxValidationCode.VALID;
  }

  /**
   * Test hook: overwrite a committed value in place (same version), as a
   * tampered state database would. Not something Fabric allows.
   */
  tamper(key: string, value: Buffer): void {
    const old = this.data.get(key);
    if (!old) throw new Error(`tamper: no such key ${JSON.stringify(key)}`);
    this.data.set(key, { value: Buffer.from(value), version: old.version });
    this.current = new StateSnapshot(this.data, this.blockHeight);
  }
}
