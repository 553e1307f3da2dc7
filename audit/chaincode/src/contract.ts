/**
 * MeridianLedger chaincode: one RFC 6962 Merkle log per region, on a Fabric
 * channel shared by the regions' organisations.
 *
 * What is stored: commitment leaves (salted hashes plus non-personal metadata,
 * built by `audit/src/ledger` before they reach the chaincode), the perfect
 * subtree hashes needed to answer any root/proof query, a compact-range head
 * per region, signed checkpoints and a refId index. Never personal data: the
 * salts stay in the regions' Postgres, so erasing a salt makes its leaf
 * unlinkable while the chain stays immutable.
 *
 * Determinism: every endorsing peer must produce the same read/write set, so
 * nothing here reads the clock, randomness or the environment; time comes from
 * the transaction header (`getTxTimestamp`).
 *
 * No read-your-writes: Fabric does not let a transaction read back what it
 * wrote; appends therefore work from the frontier held in memory and never
 * `getState` a key they wrote.
 */
import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { createHash } from 'crypto';
import { LedgerContractError } from './errors';
import { canonicalConfigJson, mayAppend, parseConfig, type LedgerConfig } from './config';
import { MAX_ENTRIES_PER_QUERY, parseCount, parseJson, parseLeaves, parseRegion } from './codec';
import { keys, pad } from './keys';
import { HASH_SIZE } from './rfc6962';
import {
  appendToFrontier,
  consistencyProof,
  frontierLevels,
  inclusionProof,
  rootAt,
  rootFromFrontier,
  type FrontierNode,
  type NodeReader,
} from './tree';
import { formatNote, parseCheckpointNote, parseSignatureLines } from './checkpoint';
import { inspectLeaf } from './leaf';

/** Name of the chaincode event emitted once per successful Append. */
export const APPENDED_EVENT = 'meridian.ledger.appended';
/** Name of the chaincode event emitted when a configuration takes effect. */
export const CONFIG_EVENT = 'meridian.ledger.config';

/** The head record of one region's log. */
interface HeadRecord {
  size: number;
  /** Hex root of the first `size` leaves. */
  root: string;
  /** Hex hashes of the frontier's perfect subtrees, largest first. */
  frontier: string[];
  txId: string;
}

interface EntryRecord {
  index: number;
  /** Base64 leaf bytes. */
  leaf: string;
  txId: string;
  /** Transaction timestamp (client clock in the proposal header), ISO-8601. */
  committedAt: string;
}

interface CheckpointRecord {
  size: number;
  note: string;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const enc = (v: unknown): Buffer => Buffer.from(JSON.stringify(v), 'utf8');

function txTime(ctx: Context): string {
  const ts = ctx.stub.getTxTimestamp();
  const ms = Number(ts.seconds.toString()) * 1000 + Math.floor(ts.nanos / 1e6);
  return new Date(ms).toISOString();
}

async function readJson<T>(ctx: Context, key: string): Promise<T | undefined> {
  const bytes = await ctx.stub.getState(key);
  if (!bytes || bytes.length === 0) return undefined;
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
  } catch {
    throw new LedgerContractError('CORRUPT_STATE', 'stored record is not JSON', { key: key.slice(0, 80) });
  }
}

function nodeReader(ctx: Context, region: string): NodeReader {
  return async (level, index) => {
    const bytes = await ctx.stub.getState(keys.node(region, level, index));
    if (!bytes || bytes.length !== HASH_SIZE) {
      throw new LedgerContractError('CORRUPT_STATE', 'tree node missing or not 32 bytes', { region, level, index });
    }
    return Buffer.from(bytes);
  };
}

@Info({ title: 'MeridianLedger', description: 'Per-region RFC 6962 audit logs of commitment leaves' })
export class MeridianLedgerContract extends Contract {
  constructor() {
    super('MeridianLedger');
  }

  // ---------------------------------------------------------------- config

  /**
   * Stores the first region-authorisation configuration. Refused once a
   * configuration exists. Deploy with `--init-required` and call this with
   * `--isInit` so it is provably the chaincode's first transaction.
   */
  @Transaction()
  @Returns('string')
  async InitConfig(ctx: Context, configJson: string): Promise<string> {
    const config = parseConfig(configJson);
    if (config.version !== 1) throw new LedgerContractError('CONFIG_CONFLICT', 'the initial configuration must be version 1', { version: config.version });
    const existing = await ctx.stub.getState(keys.config);
    if (existing && existing.length > 0) throw new LedgerContractError('CONFIG_CONFLICT', 'configuration already initialised');
    const json = canonicalConfigJson(config);
    await ctx.stub.putState(keys.config, Buffer.from(json, 'utf8'));
    ctx.stub.setEvent(CONFIG_EVENT, Buffer.from(json, 'utf8'));
    return json;
  }

  /**
   * Approves the next configuration (version = current + 1) on behalf of the
   * caller's MSP, which must be an admin of the current configuration. The
   * change takes effect with the approval that reaches the current quorum.
   */
  @Transaction()
  @Returns('string')
  async ApproveConfig(ctx: Context, configJson: string): Promise<string> {
    const current = await this.loadConfig(ctx);
    const proposed = parseConfig(configJson);
    const mspId = ctx.clientIdentity.getMSPID();
    if (!current.admins.includes(mspId)) {
      throw new LedgerContractError('FORBIDDEN', 'only an admin MSP of the current configuration may approve a change', { msp: mspId });
    }
    if (proposed.version !== current.version + 1) {
      throw new LedgerContractError('CONFIG_CONFLICT', 'a change must carry the next version', { expected: current.version + 1, got: proposed.version });
    }
    const json = canonicalConfigJson(proposed);
    const digest = createHash('sha256').update(json).digest('hex');
    const approvalKey = ctx.stub.createCompositeKey(keys.approvalType, [String(proposed.version), digest, mspId]);
    const approvers = new Set<string>();
    for await (const kv of ctx.stub.getStateByPartialCompositeKey(keys.approvalType, [String(proposed.version), digest])) {
      const { attributes } = ctx.stub.splitCompositeKey(kv.key);
      const approver = attributes[2];
      if (approver && current.admins.includes(approver)) approvers.add(approver);
    }
    approvers.add(mspId);
    const approvals = [...approvers].sort();
    if (approvals.length >= current.quorum) {
      await ctx.stub.putState(keys.config, Buffer.from(json, 'utf8'));
      ctx.stub.setEvent(CONFIG_EVENT, Buffer.from(json, 'utf8'));
      return JSON.stringify({ status: 'applied', version: proposed.version, approvals, quorum: current.quorum });
    }
    await ctx.stub.putState(approvalKey, Buffer.from(JSON.stringify({ msp: mspId, at: txTime(ctx) }), 'utf8'));
    return JSON.stringify({ status: 'pending', version: proposed.version, approvals, quorum: current.quorum });
  }

  @Transaction(false)
  @Returns('string')
  async GetConfig(ctx: Context): Promise<string> {
    return canonicalConfigJson(await this.loadConfig(ctx));
  }

  // ---------------------------------------------------------------- append

  /**
   * Appends a batch of leaves to `region`'s log. `firstIndex` must equal the
   * current size (no gap, no duplicate); the caller's MSP must be authorised
   * for the region; every leaf must decode as a Meridian ledger leaf of that
   * region. One tree update and one event per batch.
   */
  @Transaction()
  @Returns('string')
  async Append(ctx: Context, region: string, firstIndex: string, leavesJson: string): Promise<string> {
    parseRegion(region);
    const first = parseCount(firstIndex, 'firstIndex');
    const leaves = parseLeaves(leavesJson);
    const config = await this.loadConfig(ctx);
    const mspId = ctx.clientIdentity.getMSPID();
    if (!mayAppend(config, region, mspId)) {
      throw new LedgerContractError('FORBIDDEN', 'this MSP may not append to that region', { region, msp: mspId });
    }
    const inspected = leaves.map((leaf, i) => inspectLeaf(leaf, region, i));

    const head = await this.loadHead(ctx, region);
    if (first < head.size) {
      throw new LedgerContractError('DUPLICATE_INDEX', 'an entry already exists at that index', { region, expected: head.size, got: first });
    }
    if (first > head.size) {
      throw new LedgerContractError('INDEX_GAP', 'append would leave a gap in the log', { region, expected: head.size, got: first });
    }
    if (head.size + leaves.length > Number.MAX_SAFE_INTEGER) throw new LedgerContractError('OUT_OF_RANGE', 'log is full');

    const frontier: FrontierNode[] = frontierLevels(head.size).map((level, i) => ({
      level,
      hash: Buffer.from(head.frontier[i]!, 'hex'),
    }));
    const next = appendToFrontier(frontier, head.size, leaves);
    const txId = ctx.stub.getTxID();
    const committedAt = txTime(ctx);

    for (const n of next.nodes) await ctx.stub.putState(keys.node(region, n.level, n.index), n.hash);
    for (let i = 0; i < leaves.length; i++) {
      const index = first + i;
      const record: EntryRecord = { index, leaf: leaves[i]!.toString('base64'), txId, committedAt };
      await ctx.stub.putState(keys.leaf(region, index), enc(record));
      const ref = ctx.stub.createCompositeKey(keys.refType, [region, inspected[i]!.refId, pad(index)]);
      await ctx.stub.putState(ref, Buffer.of(0x01));
    }
    const root = rootFromFrontier(next.frontier);
    const newHead: HeadRecord = { size: next.size, root: hex(root), frontier: next.frontier.map((f) => hex(f.hash)), txId };
    await ctx.stub.putState(keys.head(region), enc(newHead));

    const result = {
      region,
      firstIndex: first,
      count: leaves.length,
      size: next.size,
      root: hex(root),
      leafHashes: next.leafHashes.map(hex),
      txId,
      committedAt,
    };
    ctx.stub.setEvent(APPENDED_EVENT, enc({ region, firstIndex: first, count: leaves.length, size: next.size, root: hex(root), txId }));
    return JSON.stringify(result);
  }

  // ---------------------------------------------------------------- queries

  @Transaction(false)
  @Returns('string')
  async GetHead(ctx: Context, region: string): Promise<string> {
    parseRegion(region);
    const head = await this.loadHead(ctx, region);
    return JSON.stringify({ region, size: head.size, root: head.root });
  }

  @Transaction(false)
  @Returns('string')
  async GetRoot(ctx: Context, region: string, size: string): Promise<string> {
    parseRegion(region);
    const n = parseCount(size, 'size');
    const head = await this.loadHead(ctx, region);
    if (n > head.size) throw new LedgerContractError('OUT_OF_RANGE', 'size beyond the log', { region, size: n, logSize: head.size });
    const root = n === head.size ? head.root : hex(await rootAt(nodeReader(ctx, region), n));
    return JSON.stringify({ region, size: n, root });
  }

  @Transaction(false)
  @Returns('string')
  async GetInclusionProof(ctx: Context, region: string, index: string, size: string): Promise<string> {
    parseRegion(region);
    const i = parseCount(index, 'index');
    const n = parseCount(size, 'size');
    const head = await this.loadHead(ctx, region);
    if (n > head.size) throw new LedgerContractError('OUT_OF_RANGE', 'size beyond the log', { region, size: n, logSize: head.size });
    if (i >= n) throw new LedgerContractError('OUT_OF_RANGE', 'index must be below size', { region, index: i, size: n });
    const proof = await inclusionProof(nodeReader(ctx, region), i, n);
    return JSON.stringify({ region, index: i, size: n, hashes: proof.map(hex) });
  }

  @Transaction(false)
  @Returns('string')
  async GetConsistencyProof(ctx: Context, region: string, from: string, to: string): Promise<string> {
    parseRegion(region);
    const a = parseCount(from, 'from');
    const b = parseCount(to, 'to');
    const head = await this.loadHead(ctx, region);
    if (b > head.size) throw new LedgerContractError('OUT_OF_RANGE', 'size beyond the log', { region, size: b, logSize: head.size });
    if (a > b) throw new LedgerContractError('OUT_OF_RANGE', 'from must not exceed to', { region, from: a, to: b });
    const proof = await consistencyProof(nodeReader(ctx, region), a, b);
    return JSON.stringify({ region, from: a, to: b, hashes: proof.map(hex) });
  }

  /** Entries with from ≤ index < to (at most MAX_ENTRIES_PER_QUERY; `to` is clamped to the size). */
  @Transaction(false)
  @Returns('string')
  async GetEntries(ctx: Context, region: string, from: string, to: string): Promise<string> {
    parseRegion(region);
    const a = parseCount(from, 'from');
    const b = parseCount(to, 'to');
    if (a > b) throw new LedgerContractError('OUT_OF_RANGE', 'from must not exceed to', { region, from: a, to: b });
    if (b - a > MAX_ENTRIES_PER_QUERY) {
      throw new LedgerContractError('OUT_OF_RANGE', 'range too large for one query', { region, from: a, to: b, max: MAX_ENTRIES_PER_QUERY });
    }
    const entries: Array<{ index: number; leaf: string }> = [];
    if (a < b) {
      for await (const kv of ctx.stub.getStateByRange(keys.leaf(region, a), keys.leaf(region, b))) {
        const rec = JSON.parse(Buffer.from(kv.value).toString('utf8')) as EntryRecord;
        if (rec.index !== a + entries.length) {
          throw new LedgerContractError('CORRUPT_STATE', 'leaf records are not dense', { region, expected: a + entries.length, got: rec.index });
        }
        entries.push({ index: rec.index, leaf: rec.leaf });
      }
    }
    return JSON.stringify({ region, from: a, to: a + entries.length, entries });
  }

  /** Every entry of `region` whose leaf carries `refId`, in index order (at most MAX_ENTRIES_PER_QUERY). */
  @Transaction(false)
  @Returns('string')
  async GetEntriesByRef(ctx: Context, region: string, refId: string): Promise<string> {
    parseRegion(region);
    if (typeof refId !== 'string' || !/^[A-Za-z0-9._:-]{1,128}$/.test(refId)) {
      throw new LedgerContractError('MALFORMED', 'refId must be 1-128 characters of [A-Za-z0-9._:-]');
    }
    const indices: number[] = [];
    for await (const kv of ctx.stub.getStateByPartialCompositeKey(keys.refType, [region, refId])) {
      const { attributes } = ctx.stub.splitCompositeKey(kv.key);
      indices.push(Number(attributes[2]));
      if (indices.length > MAX_ENTRIES_PER_QUERY) {
        throw new LedgerContractError('OUT_OF_RANGE', 'too many entries for one refId query', { region, max: MAX_ENTRIES_PER_QUERY });
      }
    }
    const entries: Array<{ index: number; leaf: string }> = [];
    for (const index of indices) {
      const rec = await readJson<EntryRecord>(ctx, keys.leaf(region, index));
      if (!rec) throw new LedgerContractError('CORRUPT_STATE', 'refId index points at a missing leaf', { region, index });
      entries.push({ index, leaf: rec.leaf });
    }
    return JSON.stringify({ region, refId, entries });
  }

  // ---------------------------------------------------------------- checkpoints

  /**
   * Stores a signed checkpoint of `region`'s log. Its body must match the
   * tree: size ≤ current size and root = MTH of that size. Re-submitting the
   * stored note is a no-op; a checkpoint older than the latest is refused.
   */
  @Transaction()
  @Returns('string')
  async PutCheckpoint(ctx: Context, region: string, note: string): Promise<string> {
    parseRegion(region);
    const parsed = parseCheckpointNote(note);
    await this.assertWriter(ctx, region);
    const head = await this.loadHead(ctx, region);
    if (parsed.size > head.size) {
      throw new LedgerContractError('CHECKPOINT_CONFLICT', 'checkpoint size beyond the log', { region, size: parsed.size, logSize: head.size });
    }
    const root = parsed.size === head.size ? Buffer.from(head.root, 'hex') : await rootAt(nodeReader(ctx, region), parsed.size);
    if (!root.equals(parsed.root)) {
      throw new LedgerContractError('CHECKPOINT_CONFLICT', 'checkpoint root does not match the log', { region, size: parsed.size });
    }
    const existing = await readJson<CheckpointRecord>(ctx, keys.checkpoint(region, parsed.size));
    if (existing) {
      const old = parseCheckpointNote(existing.note);
      if (old.body !== parsed.body) throw new LedgerContractError('CHECKPOINT_CONFLICT', 'a different checkpoint body is stored for that size', { region, size: parsed.size });
      return JSON.stringify({ region, size: parsed.size, note: existing.note, stored: false });
    }
    const latest = await readJson<{ size: number }>(ctx, keys.latestCheckpoint(region));
    if (latest && latest.size > parsed.size) {
      throw new LedgerContractError('CHECKPOINT_CONFLICT', 'a newer checkpoint is already stored', { region, size: parsed.size, latest: latest.size });
    }
    const record: CheckpointRecord = { size: parsed.size, note: formatNote(parsed.body, parsed.signatureLines) };
    await ctx.stub.putState(keys.checkpoint(region, parsed.size), enc(record));
    await ctx.stub.putState(keys.latestCheckpoint(region), enc({ size: parsed.size }));
    return JSON.stringify({ region, size: parsed.size, note: record.note, stored: true });
  }

  /** Adds witness cosignature lines to the stored checkpoint of `size`; duplicates are ignored. */
  @Transaction()
  @Returns('string')
  async AddCosignatures(ctx: Context, region: string, size: string, linesJson: string): Promise<string> {
    parseRegion(region);
    const n = parseCount(size, 'size');
    const raw = parseJson(linesJson, 'lines');
    if (!Array.isArray(raw) || raw.length > 64) throw new LedgerContractError('MALFORMED', 'lines must be a JSON array of at most 64 signature lines');
    const lines = parseSignatureLines(raw);
    await this.assertWriter(ctx, region);
    const existing = await readJson<CheckpointRecord>(ctx, keys.checkpoint(region, n));
    if (!existing) throw new LedgerContractError('NOT_FOUND', 'no checkpoint stored for that size', { region, size: n });
    const parsed = parseCheckpointNote(existing.note);
    const all = [...parsed.signatureLines];
    for (const l of lines) if (!all.includes(l)) all.push(l);
    const note = formatNote(parsed.body, all);
    if (note !== existing.note) await ctx.stub.putState(keys.checkpoint(region, n), enc({ size: n, note }));
    return JSON.stringify({ region, size: n, note });
  }

  @Transaction(false)
  @Returns('string')
  async GetLatestCheckpoint(ctx: Context, region: string): Promise<string> {
    parseRegion(region);
    const latest = await readJson<{ size: number }>(ctx, keys.latestCheckpoint(region));
    if (!latest) return JSON.stringify({ region, checkpoint: null });
    const rec = await readJson<CheckpointRecord>(ctx, keys.checkpoint(region, latest.size));
    if (!rec) throw new LedgerContractError('CORRUPT_STATE', 'latest checkpoint pointer dangles', { region, size: latest.size });
    return JSON.stringify({ region, checkpoint: rec });
  }

  /** Stored checkpoints with from ≤ size ≤ to, oldest first. */
  @Transaction(false)
  @Returns('string')
  async GetCheckpoints(ctx: Context, region: string, from: string, to: string): Promise<string> {
    parseRegion(region);
    const a = parseCount(from, 'from');
    const b = parseCount(to, 'to');
    if (a > b) throw new LedgerContractError('OUT_OF_RANGE', 'from must not exceed to', { region, from: a, to: b });
    const out: CheckpointRecord[] = [];
    // End key is exclusive: the key of size b + 1 (safe: b ≤ 2^53 - 1 has 16 digits).
    for await (const kv of ctx.stub.getStateByRange(keys.checkpoint(region, a), keys.checkpoint(region, b + 1))) {
      out.push(JSON.parse(Buffer.from(kv.value).toString('utf8')) as CheckpointRecord);
      if (out.length > MAX_ENTRIES_PER_QUERY) {
        throw new LedgerContractError('OUT_OF_RANGE', 'too many checkpoints for one query', { region, max: MAX_ENTRIES_PER_QUERY });
      }
    }
    return JSON.stringify({ region, checkpoints: out });
  }

  // ---------------------------------------------------------------- plumbing

  override async unknownTransaction(ctx: Context): Promise<void> {
    const { fcn } = ctx.stub.getFunctionAndParameters();
    throw new LedgerContractError('UNKNOWN_TRANSACTION', 'no such transaction', { fcn: String(fcn).slice(0, 64) });
  }

  private async loadConfig(ctx: Context): Promise<LedgerConfig> {
    const bytes = await ctx.stub.getState(keys.config);
    if (!bytes || bytes.length === 0) throw new LedgerContractError('NOT_CONFIGURED', 'no region authorisation configuration; run InitConfig');
    return parseConfig(Buffer.from(bytes).toString('utf8'));
  }

  private async assertWriter(ctx: Context, region: string): Promise<void> {
    const config = await this.loadConfig(ctx);
    const mspId = ctx.clientIdentity.getMSPID();
    if (!mayAppend(config, region, mspId)) {
      throw new LedgerContractError('FORBIDDEN', 'this MSP may not write to that region', { region, msp: mspId });
    }
  }

  private async loadHead(ctx: Context, region: string): Promise<HeadRecord> {
    const head = await readJson<HeadRecord>(ctx, keys.head(region));
    if (!head) return { size: 0, root: hex(rootFromFrontier([])), frontier: [], txId: '' };
    if (!Number.isSafeInteger(head.size) || head.size < 0 || !Array.isArray(head.frontier) || head.frontier.length !== frontierLevels(head.size).length) {
      throw new LedgerContractError('CORRUPT_STATE', 'head record is inconsistent', { region });
    }
    return head;
  }
}
