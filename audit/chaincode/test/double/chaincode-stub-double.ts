/**
 * An in-memory double of fabric-shim's `ChaincodeStub`, for running the
 * contract without a peer. One instance = one transaction simulation on one
 * endorsing peer.
 *
 * Faithful to the Fabric semantics the contract depends on:
 * - No read-your-writes: `getState` and range queries read the committed
 *   snapshot the simulation started from, never this transaction's own
 *   pending writes (Fabric's TxSimulator behaves this way for public data).
 * - A missing key reads as an empty byte array, not null/undefined.
 * - Writes are buffered in a write set (last write to a key wins; a delete
 *   after a put is a delete) and only applied if the transaction commits
 *   valid; reads are recorded with versions for MVCC validation and range
 *   queries for phantom detection (see `world-state.ts`).
 * - Range queries are ordered by the keys' UTF-8 bytes, end key exclusive; an
 *   empty start key becomes "\x01" and an empty end key means unbounded, as
 *   in the Node shim. `getStateByRange` refuses composite keys (first char
 *   U+0000) with the shim's message; composite keys are built and split
 *   exactly as the shim does (U+0000 separators, U+10FFFF range end).
 * - Keys must be non-empty, well-formed UTF-16 (so valid UTF-8 on the wire).
 * - `setEvent`: one event per transaction, the last call wins; empty name refused.
 * - `getTxTimestamp` returns { seconds: Long (unsigned), nanos } from the
 *   proposal header; no wall clock is read inside the chaincode.
 *
 * Deliberately strict where Fabric is lenient or version-dependent:
 * - `putState` with an empty value is refused (a peer treats it as a delete,
 *   which silently surprises; the contract must call `deleteState`).
 *
 * Not modelled (methods throw "not modelled by the double"): private data,
 * rich (CouchDB) queries, history, pagination, state-based endorsement,
 * chaincode-to-chaincode calls, signed proposals. The peer's
 * totalQueryLimit and CouchDB key restrictions are not enforced either.
 */
import Long from 'long';
import type { ChaincodeStub, ChaincodeProposal, ChaincodeResponse, Iterators, SerializedIdentity, SplitCompositekey, StateQueryResponse, Timestamp } from 'fabric-shim-api';
import type { KVRead, KVWrite, RangeQueryInfo, ReadWriteSet, StateSnapshot } from './world-state.ts';

const COMPOSITEKEY_NS = '\x00';
const MIN_UNICODE_RUNE_VALUE = '\u0000';
const MAX_UNICODE_RUNE_VALUE = '\u{10ffff}';
const EMPTY_KEY_SUBSTITUTE = '\x01';

export interface TransactionInput {
  /** Function name first, then the arguments, as the client sent them. */
  args: Uint8Array[];
  txId: string;
  channelId: string;
  creator: SerializedIdentity;
  /** The proposal header timestamp (the client's clock). */
  timestamp: Date;
  /** MSP of the peer running this simulation. */
  peerMspId: string;
  transient?: Map<string, Uint8Array>;
}

function notModelled(name: string): never {
  throw new Error(`ChaincodeStubDouble: ${name} is not modelled by the double`);
}

function checkKey(key: unknown, op: string): asserts key is string {
  if (typeof key !== 'string' || key.length === 0) throw new Error(`${op}: key must be a non-empty string`);
  if (!key.isWellFormed()) throw new Error(`${op}: key is not valid UTF-8`);
}

function validateCompositeKeyAttribute(attr: unknown): void {
  if (!attr || typeof attr !== 'string' || attr.length === 0) {
    throw new Error('object type or attribute not a non-zero length string');
  }
}

type KV = Iterators.KV;

export class ChaincodeStubDouble implements ChaincodeStub {
  private readonly input: TransactionInput;
  private readonly snapshot: StateSnapshot;
  private readonly readSet = new Map<string, KVRead>();
  private readonly writeSet = new Map<string, KVWrite>();
  private readonly rangeQueries: RangeQueryInfo[] = [];
  private event: { name: string; payload: Buffer } | undefined;

  constructor(snapshot: StateSnapshot, input: TransactionInput) {
    this.snapshot = snapshot;
    this.input = input;
  }

  /** What this simulation read and wrote, for endorsement comparison and commit. */
  readWriteSet(): ReadWriteSet {
    const byKey = (a: { key: string }, b: { key: string }): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    return {
      reads: [...this.readSet.values()].sort(byKey),
      rangeQueries: this.rangeQueries.map((q) => ({ ...q, reads: [...q.reads] })),
      writes: [...this.writeSet.values()].sort(byKey),
    };
  }

  chaincodeEvent(): { name: string; payload: Buffer } | undefined {
    return this.event;
  }

  // ------------------------------------------------------------ arguments

  getArgs(): string[] {
    return this.input.args.map((a) => Buffer.from(a).toString('utf8'));
  }
  getStringArgs(): string[] {
    return this.getArgs();
  }
  /** Used by fabric-shim's ChaincodeFromContract (not in the public typings). */
  getBufferArgs(): Buffer[] {
    return this.input.args.map((a) => Buffer.from(a));
  }
  getFunctionAndParameters(): { params: string[]; fcn: string } {
    const [fcn = '', ...params] = this.getArgs();
    return { fcn, params };
  }

  // ------------------------------------------------------------ transaction facts

  getTxID(): string {
    return this.input.txId;
  }
  getChannelID(): string {
    return this.input.channelId;
  }
  getCreator(): SerializedIdentity {
    return { mspid: this.input.creator.mspid, idBytes: Buffer.from(this.input.creator.idBytes) };
  }
  getMspID(): string {
    return this.input.peerMspId;
  }
  getTransient(): Map<string, Uint8Array> {
    return new Map(this.input.transient ?? []);
  }
  getTxTimestamp(): Timestamp {
    const ms = this.input.timestamp.getTime();
    const seconds = Math.floor(ms / 1000);
    return { seconds: Long.fromNumber(seconds, true), nanos: (ms - seconds * 1000) * 1_000_000 };
  }
  getDateTimestamp(): Date {
    return new Date(this.input.timestamp.getTime());
  }
  getSignedProposal(): ChaincodeProposal.SignedProposal {
    return notModelled('getSignedProposal');
  }
  getBinding(): string {
    return notModelled('getBinding');
  }

  // ------------------------------------------------------------ public state

  async getState(key: string): Promise<Uint8Array> {
    checkKey(key, 'getState');
    const entry = this.snapshot.get(key);
    if (!this.readSet.has(key)) this.readSet.set(key, { key, version: entry ? { ...entry.version } : null });
    return entry ? Buffer.from(entry.value) : Buffer.alloc(0);
  }

  async putState(key: string, value: Uint8Array): Promise<void> {
    checkKey(key, 'putState');
    if (typeof (value as unknown) === 'string') value = Buffer.from(value as unknown as string);
    if (!(value instanceof Uint8Array)) throw new Error('putState: value must be bytes');
    if (value.length === 0) throw new Error('putState: empty value (a peer would delete the key; call deleteState)');
    this.writeSet.set(key, { key, isDelete: false, value: Buffer.from(value) });
  }

  async deleteState(key: string): Promise<void> {
    checkKey(key, 'deleteState');
    this.writeSet.set(key, { key, isDelete: true, value: Buffer.alloc(0) });
  }

  getStateByRange(startKey: string, endKey: string): Promise<Iterators.StateQueryIterator> & AsyncIterable<KV> {
    let start = startKey;
    if (!start) start = EMPTY_KEY_SUBSTITUTE;
    for (const key of [start, endKey]) {
      if (key && typeof key === 'string' && key.charAt(0) === COMPOSITEKEY_NS) {
        return this.failedIterator(new Error(`first character of the key [${key}] contains a null character which is not allowed`));
      }
    }
    return this.rangeIterator(start, endKey ?? '');
  }

  getStateByPartialCompositeKey(objectType: string, attributes: string[]): Promise<Iterators.StateQueryIterator> & AsyncIterable<KV> {
    const partial = this.createCompositeKey(objectType, attributes);
    return this.rangeIterator(partial, partial + MAX_UNICODE_RUNE_VALUE);
  }

  createCompositeKey(objectType: string, attributes: string[]): string {
    validateCompositeKeyAttribute(objectType);
    if (!Array.isArray(attributes)) throw new Error('attributes must be an array');
    let compositeKey = COMPOSITEKEY_NS + objectType + MIN_UNICODE_RUNE_VALUE;
    for (const attribute of attributes) {
      validateCompositeKeyAttribute(attribute);
      compositeKey = compositeKey + attribute + MIN_UNICODE_RUNE_VALUE;
    }
    return compositeKey;
  }

  splitCompositeKey(compositeKey: string): SplitCompositekey {
    const result: SplitCompositekey = { objectType: null as unknown as string, attributes: [] };
    if (compositeKey && compositeKey.length > 1 && compositeKey.charAt(0) === COMPOSITEKEY_NS) {
      const splitKey = compositeKey.substring(1).split(MIN_UNICODE_RUNE_VALUE);
      result.objectType = splitKey[0]!;
      splitKey.pop();
      if (splitKey.length > 1) {
        splitKey.shift();
        result.attributes = splitKey;
      }
    }
    return result;
  }

  setEvent(name: string, payload: Uint8Array): void {
    if (typeof name !== 'string' || name === '') throw new Error('Event name must be a non-empty string');
    this.event = { name, payload: Buffer.from(payload) };
  }

  // ------------------------------------------------------------ not modelled

  setStateValidationParameter(): Promise<void> {
    return notModelled('setStateValidationParameter');
  }
  getStateValidationParameter(): Promise<Uint8Array> {
    return notModelled('getStateValidationParameter');
  }
  getStateByRangeWithPagination(): Promise<StateQueryResponse<Iterators.StateQueryIterator>> & AsyncIterable<KV> {
    return notModelled('getStateByRangeWithPagination');
  }
  getStateByPartialCompositeKeyWithPagination(): Promise<StateQueryResponse<Iterators.StateQueryIterator>> & AsyncIterable<KV> {
    return notModelled('getStateByPartialCompositeKeyWithPagination');
  }
  getQueryResult(): Promise<Iterators.StateQueryIterator> & AsyncIterable<KV> {
    return notModelled('getQueryResult (rich queries need CouchDB)');
  }
  getQueryResultWithPagination(): Promise<StateQueryResponse<Iterators.StateQueryIterator>> & AsyncIterable<KV> {
    return notModelled('getQueryResultWithPagination');
  }
  getHistoryForKey(): Promise<Iterators.HistoryQueryIterator> & AsyncIterable<Iterators.KeyModification> {
    return notModelled('getHistoryForKey');
  }
  invokeChaincode(): Promise<ChaincodeResponse> {
    return notModelled('invokeChaincode');
  }
  getPrivateData(): Promise<Uint8Array> {
    return notModelled('getPrivateData');
  }
  getPrivateDataHash(): Promise<Uint8Array> {
    return notModelled('getPrivateDataHash');
  }
  putPrivateData(): Promise<void> {
    return notModelled('putPrivateData');
  }
  deletePrivateData(): Promise<void> {
    return notModelled('deletePrivateData');
  }
  purgePrivateData(): Promise<void> {
    return notModelled('purgePrivateData');
  }
  setPrivateDataValidationParameter(): Promise<void> {
    return notModelled('setPrivateDataValidationParameter');
  }
  getPrivateDataValidationParameter(): Promise<Uint8Array> {
    return notModelled('getPrivateDataValidationParameter');
  }
  getPrivateDataByRange(): Promise<Iterators.StateQueryIterator> & AsyncIterable<KV> {
    return notModelled('getPrivateDataByRange');
  }
  getPrivateDataByPartialCompositeKey(): Promise<Iterators.StateQueryIterator> & AsyncIterable<KV> {
    return notModelled('getPrivateDataByPartialCompositeKey');
  }
  getPrivateDataQueryResult(): Promise<Iterators.StateQueryIterator> & AsyncIterable<KV> {
    return notModelled('getPrivateDataQueryResult');
  }

  // ------------------------------------------------------------ iterators

  /**
   * Like the shim's `convertToAsyncIterator`: a promise of an iterator that
   * is also async-iterable. Records what is actually read for phantom checks.
   */
  private rangeIterator(startKey: string, endKey: string): Promise<Iterators.StateQueryIterator> & AsyncIterable<KV> {
    const results = this.snapshot.range(startKey, endKey);
    const info: RangeQueryInfo = { startKey, endKey, itrExhausted: false, reads: [] };
    this.rangeQueries.push(info);
    let position = 0;
    let closed = false;
    const iterator: Iterators.StateQueryIterator = {
      next: async () => {
        if (closed) throw new Error('iterator is closed');
        const r = results[position];
        if (!r) {
          info.itrExhausted = true;
          return { value: undefined as unknown as KV, done: true };
        }
        position += 1;
        info.reads.push({ key: r.key, version: { ...r.entry.version } });
        return { value: { namespace: '', key: r.key, value: Buffer.from(r.entry.value) }, done: false };
      },
      close: async () => {
        closed = true;
      },
    };
    const promise = Promise.resolve(iterator) as Promise<Iterators.StateQueryIterator> & AsyncIterable<KV>;
    promise[Symbol.asyncIterator] = async function* () {
      try {
        while (true) {
          const { value, done } = await iterator.next();
          if (done) return;
          yield value;
        }
      } finally {
        await iterator.close();
      }
    };
    return promise;
  }

  private failedIterator(err: Error): Promise<Iterators.StateQueryIterator> & AsyncIterable<KV> {
    const promise = Promise.reject(err) as Promise<Iterators.StateQueryIterator> & AsyncIterable<KV>;
    promise.catch(() => undefined);
    promise[Symbol.asyncIterator] = async function* () {
      throw err;
    };
    return promise;
  }
}
