import type { DbOrTrx } from '@meridian/core/db/database.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { Ledger } from '../ledger/ledger.ts';
import type { LedgerEntry } from '../ledger/ledger-entry.ts';
import type { AppendedEntry } from '../ledger/appended-entry.ts';
import type { LedgerEntryInput } from '../ledger/ledger-entry-input.ts';
import type { CommittedEntry } from '../ledger/committed-entry.ts';
import { commitEntries, type SaltSource } from '../ledger/commit-entries.ts';
import type { NoteSigner } from '../note/note-signer.ts';
import type { SignedCheckpoint } from '../checkpoint/signed-checkpoint.ts';
import { signCheckpoint } from '../checkpoint/sign-checkpoint.ts';
import { parseCheckpoint } from '../checkpoint/parse-checkpoint.ts';
import { parseNote } from '../note/parse-note.ts';
import { verifyConsistency } from '../merkle/verify-consistency.ts';
import { HASH_SIZE } from '../merkle/hashes.ts';
import { hex } from '../merkle/hex.ts';
import type { ContractLike } from './contract-like.ts';
import { toMeridianError } from './fabric-errors.ts';

/** Most leaves per `Append` transaction; the chaincode refuses more (its MAX_BATCH). */
export const FABRIC_MAX_BATCH = 1000;
/** Most entries per `GetEntries` query (the chaincode's MAX_ENTRIES_PER_QUERY). */
const ENTRIES_PAGE = 1000;

export interface FabricLedgerOptions {
  /** The gateway contract for the MeridianLedger chaincode (or a test double). */
  contract: ContractLike;
  /** The region whose log this is (`eu`, `sea`, `me`...); the client identity's MSP must be authorised for it. */
  region: string;
  /** The log key; its name is the log's origin. Checkpoints are signed here, never on the peers. */
  signer: NoteSigner;
  /** Salt source for commitments (tests seed it). */
  salts?: SaltSource;
  /** Leaves per Append transaction (1..FABRIC_MAX_BATCH, default FABRIC_MAX_BATCH). */
  maxBatch?: number;
  /** How many times an append that lost a race is retried at the new size (default 3). */
  raceRetries?: number;
}

interface AppendReply {
  region: string;
  firstIndex: number;
  count: number;
  size: number;
  root: string;
  leafHashes: string[];
  txId: string;
}

const fromHex = (h: unknown, what: string): Uint8Array => {
  if (typeof h !== 'string' || !/^[0-9a-f]{64}$/.test(h)) throw new MeridianError('INTERNAL', `fabric: chaincode returned a malformed ${what}`);
  return Buffer.from(h, 'hex');
};
const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

function requireCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new MeridianError('BAD_INPUT', `${what} must be a non-negative integer`, { [what]: String(value) });
}

/**
 * The `Ledger` on Hyperledger Fabric: the MeridianLedger chaincode keeps one
 * RFC 6962 tree per region on a channel the regions' organisations share; this
 * client talks to it through the Fabric Gateway.
 *
 * - `append` writes the salts in the caller's transaction (`commitEntries`)
 *   and then submits one `Append` per batch of up to `maxBatch` leaves. The
 *   Fabric commit and the Postgres transaction are not atomic: if the caller
 *   rolls back after a successful append, the leaves stay on the chain with
 *   their salts gone, i.e. unlinkable (an orphan record, never a leak). If the
 *   append fails, the caller's transaction is expected to roll back.
 * - Appends name their first index, so the chaincode refuses duplicates and
 *   gaps. An append that lost a race (MVCC conflict, or another writer took
 *   the index) is retried at the new size; if the index holds exactly our
 *   leaves (a retry after an unknown commit outcome), it counts as done.
 * - `checkpoint` signs with the region's key locally and stores the note on
 *   the chain, after checking the new tree is consistent with the last
 *   checkpoint: a peer that serves a forked view gets no signature.
 *
 * @example
 * const { contract, close } = connectFabricGateway(connection);
 * const ledger = fabricLedger({ contract, region: 'eu', signer });
 * await db.transaction().execute((trx) => ledger.append(trx, entries));
 */
export function fabricLedger(options: FabricLedgerOptions): Ledger {
  const { contract, region, signer } = options;
  const origin = signer.name;
  const maxBatch = options.maxBatch ?? FABRIC_MAX_BATCH;
  const raceRetries = options.raceRetries ?? 3;
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(region)) throw new MeridianError('BAD_INPUT', 'fabric ledger: invalid region code', { region: region.slice(0, 40) });
  if (!Number.isSafeInteger(maxBatch) || maxBatch < 1 || maxBatch > FABRIC_MAX_BATCH) {
    throw new MeridianError('BAD_INPUT', `fabric ledger: maxBatch must be 1..${FABRIC_MAX_BATCH}`, { maxBatch });
  }

  const call = async <T>(kind: 'submit' | 'evaluate', name: string, ...args: string[]): Promise<T> => {
    let bytes: Uint8Array;
    try {
      bytes = kind === 'submit' ? await contract.submitTransaction(name, ...args) : await contract.evaluateTransaction(name, ...args);
    } catch (e) {
      throw toMeridianError(e, name);
    }
    try {
      return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
    } catch (cause) {
      throw new MeridianError('INTERNAL', `fabric: ${name} returned a non-JSON payload`, { transaction: name, bytes: bytes.length }, { cause });
    }
  };

  const head = async (): Promise<{ size: number; root: Uint8Array }> => {
    const r = await call<{ size: number; root: string }>('evaluate', 'GetHead', region);
    if (!Number.isSafeInteger(r.size) || r.size < 0) throw new MeridianError('INTERNAL', 'fabric: chaincode returned a malformed size');
    return { size: r.size, root: fromHex(r.root, 'root') };
  };

  const hashes = (list: unknown, what: string): Uint8Array[] => {
    if (!Array.isArray(list)) throw new MeridianError('INTERNAL', `fabric: chaincode returned a malformed ${what}`);
    return list.map((h) => fromHex(h, what));
  };

  const toSigned = (note: unknown): SignedCheckpoint => {
    if (typeof note !== 'string') throw new MeridianError('INTERNAL', 'fabric: chaincode returned a malformed checkpoint');
    return { checkpoint: parseCheckpoint(parseNote(note).text), note };
  };

  const leavesAt = async (from: number, count: number): Promise<LedgerEntry[]> => {
    const r = await call<{ entries: Array<{ index: number; leaf: string }> }>('evaluate', 'GetEntries', region, String(from), String(from + count));
    return r.entries.map((e) => ({ index: e.index, leaf: Buffer.from(e.leaf, 'base64') }));
  };

  /** Appends one chunk at the current size, retrying lost races. */
  const appendChunk = async (chunk: readonly CommittedEntry[]): Promise<number> => {
    const leavesJson = JSON.stringify(chunk.map((c) => b64(c.leaf)));
    let first = (await head()).size;
    for (let attempt = 0; ; attempt++) {
      try {
        const reply = await call<AppendReply>('submit', 'Append', region, String(first), leavesJson);
        const ok = reply.firstIndex === first && reply.count === chunk.length && Array.isArray(reply.leafHashes)
          && reply.leafHashes.every((h, i) => h === hex(chunk[i]!.leafHash));
        if (!ok) throw new MeridianError('INTERNAL', 'fabric: Append reply does not match the leaves sent', { region, firstIndex: first, txId: String(reply.txId) });
        return first;
      } catch (e) {
        if (!(e instanceof MeridianError) || e.code !== 'CONFLICT' || attempt >= raceRetries) throw e;
        // Before retrying at the new size, make sure these very leaves are not
        // already at `first` (an attempt whose success we did not hear about):
        // leaves carry fresh random commitments, so equal bytes mean ours.
        const there = await leavesAt(first, chunk.length);
        if (there.length === chunk.length && there.every((t, i) => Buffer.from(t.leaf).equals(chunk[i]!.leaf))) return first;
        first = (await head()).size;
      }
    }
  };

  const append = async (trx: DbOrTrx, entries: readonly LedgerEntryInput[]): Promise<AppendedEntry[]> => {
    if (entries.length === 0) return [];
    entries.forEach((e, i) => {
      if (e.region !== region) throw new MeridianError('BAD_INPUT', 'ledger entry belongs to another region', { position: i, region: String(e.region), logRegion: region });
    });
    const committed = await commitEntries(trx, entries, options.salts);
    const out: AppendedEntry[] = [];
    for (let at = 0; at < committed.length; at += maxBatch) {
      const chunk = committed.slice(at, at + maxBatch);
      const first = await appendChunk(chunk);
      chunk.forEach((c, i) => out.push({ index: first + i, leafHash: c.leafHash, commitment: c.commitment }));
    }
    return out;
  };

  const latestCheckpoint = async (): Promise<SignedCheckpoint | undefined> => {
    const r = await call<{ checkpoint: { size: number; note: string } | null }>('evaluate', 'GetLatestCheckpoint', region);
    return r.checkpoint ? toSigned(r.checkpoint.note) : undefined;
  };

  const ledger: Ledger = {
    origin,
    append,

    async size() {
      return (await head()).size;
    },

    async root(size) {
      requireCount(size, 'size');
      const r = await call<{ root: string }>('evaluate', 'GetRoot', region, String(size));
      return fromHex(r.root, 'root');
    },

    async inclusionProof(index, size) {
      requireCount(index, 'index');
      requireCount(size, 'size');
      const r = await call<{ hashes: string[] }>('evaluate', 'GetInclusionProof', region, String(index), String(size));
      return { index, size, hashes: hashes(r.hashes, 'inclusion proof') };
    },

    async consistencyProof(from, to) {
      requireCount(from, 'from');
      requireCount(to, 'to');
      const r = await call<{ hashes: string[] }>('evaluate', 'GetConsistencyProof', region, String(from), String(to));
      return { from, to, hashes: hashes(r.hashes, 'consistency proof') };
    },

    async entries(from, to) {
      if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || to < from) {
        throw new MeridianError('BAD_INPUT', 'entries: need 0 ≤ from ≤ to', { from, to });
      }
      const out: LedgerEntry[] = [];
      for (let at = from; at < to; at += ENTRIES_PAGE) {
        const page = await leavesAt(at, Math.min(ENTRIES_PAGE, to - at));
        out.push(...page);
        if (page.length < Math.min(ENTRIES_PAGE, to - at)) break; // reached the end of the log
      }
      return out;
    },

    async entriesByRef(refId) {
      const r = await call<{ entries: Array<{ index: number; leaf: string }> }>('evaluate', 'GetEntriesByRef', region, refId);
      return r.entries.map((e) => ({ index: e.index, leaf: Buffer.from(e.leaf, 'base64') }));
    },

    latestCheckpoint,

    async checkpoints(fromSize, toSize) {
      requireCount(fromSize, 'fromSize');
      requireCount(toSize, 'toSize');
      if (toSize < fromSize) return [];
      const r = await call<{ checkpoints: Array<{ note: string }> }>('evaluate', 'GetCheckpoints', region, String(fromSize), String(toSize));
      return r.checkpoints.map((c) => toSigned(c.note));
    },

    async checkpoint() {
      const { size, root } = await head();
      const latest = await latestCheckpoint();
      if (latest && latest.checkpoint.size === size) return latest;
      if (root.length !== HASH_SIZE) throw new MeridianError('INTERNAL', 'fabric: chaincode returned a malformed root');
      if (latest) {
        // Never sign a view the last checkpoint cannot extend: a peer serving a
        // forked or rewritten log would otherwise get a signed split view.
        const proof = await ledger.consistencyProof(latest.checkpoint.size, size);
        try {
          verifyConsistency(latest.checkpoint.size, size, proof.hashes, latest.checkpoint.rootHash, root);
        } catch (cause) {
          throw new MeridianError('INTERNAL', 'fabric ledger state is inconsistent with its last checkpoint; refusing to sign', {
            lastSize: latest.checkpoint.size, size, lastRoot: hex(latest.checkpoint.rootHash), root: hex(root),
          }, { cause });
        }
      }
      const signed = signCheckpoint({ origin, size, rootHash: root, extensions: [] }, signer);
      const r = await call<{ note: string }>('submit', 'PutCheckpoint', region, signed.note);
      return toSigned(r.note);
    },

    async addCosignatures(size, signatureLines) {
      requireCount(size, 'size');
      const lines = [...new Set(signatureLines.map((l) => l.replace(/\n$/, '')))];
      if (lines.length === 0) {
        const found = await ledger.checkpoints(size, size);
        if (!found[0]) throw new MeridianError('NOT_FOUND', `no checkpoint of size ${size}`, { size });
        return found[0];
      }
      const r = await call<{ note: string }>('submit', 'AddCosignatures', region, String(size), JSON.stringify(lines));
      return toSigned(r.note);
    },
  };
  return ledger;
}
