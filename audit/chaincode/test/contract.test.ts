// The MeridianLedger contract run through Fabric's real contract dispatch
// (fabric-shim ChaincodeFromContract, real ClientIdentity from X.509 fixtures)
// on the ChaincodeStub double, endorsed by two simulated peers and committed
// with MVCC validation.
import './double/quiet-logs.ts';
import { beforeEach, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { EndorseError, CommitError } from '@hyperledger/fabric-gateway';
import { FabricPeerDouble, TEST_CONFIG } from './double/peer-double.ts';
import { TxValidationCode } from './double/world-state.ts';
import { APPENDED_EVENT } from '../src/contract.ts';
import { MAX_BATCH, MAX_LEAF_BYTES } from '../src/codec.ts';
import { keys } from '../src/keys.ts';
import { naiveMerkle } from '../../src/merkle/naive/naive-merkle.ts';
import { verifyInclusion } from '../../src/merkle/verify-inclusion.ts';
import { verifyConsistency } from '../../src/merkle/verify-consistency.ts';
import { hashLeaf } from '../../src/merkle/hashes.ts';
import { append, b64, expectLedgerError, hex, makeLeaf, makeLeaves, query, signedCheckpointNote } from './helpers.ts';

const fromHex = (h: string): Buffer => Buffer.from(h, 'hex');
const leavesArg = (leaves: Uint8Array[]): string => JSON.stringify(leaves.map(b64));

let peer: FabricPeerDouble;
beforeEach(async () => {
  peer = new FabricPeerDouble();
  await peer.init();
});

describe('configuration', () => {
  test('infra/fabric/ledger-config.json (what the deploy script passes to InitConfig) is valid and is the tested config', async () => {
    const shipped = readFileSync(new URL('../../../infra/fabric/ledger-config.json', import.meta.url), 'utf8');
    expect(JSON.parse(shipped)).toEqual(TEST_CONFIG);
    const fresh = new FabricPeerDouble();
    await fresh.submit('MEMSP', 'InitConfig', shipped);
    await append(fresh, 'MEMSP', 'me', 0, makeLeaves('me', 0, 1));
  });

  test('nothing can be appended before InitConfig', async () => {
    const fresh = new FabricPeerDouble();
    await expectLedgerError(append(fresh, 'EUMSP', 'eu', 0, makeLeaves('eu', 0, 1)), 'NOT_CONFIGURED');
  });

  test('InitConfig stores the canonical config once; a second init is refused', async () => {
    const got = await query(peer, 'GetConfig');
    expect(got).toEqual({ version: 1, regions: { eu: ['EUMSP'], me: ['MEMSP'], sea: ['SEAMSP'] }, admins: ['EUMSP', 'MEMSP', 'SEAMSP'], quorum: 2 });
    await expectLedgerError(peer.submit('MEMSP', 'InitConfig', JSON.stringify(TEST_CONFIG)), 'CONFIG_CONFLICT');
  });

  test('malformed configurations are refused', async () => {
    const fresh = new FabricPeerDouble();
    const bad = [
      'not json',
      '[]',
      JSON.stringify({ ...TEST_CONFIG, extra: 1 }),
      JSON.stringify({ ...TEST_CONFIG, quorum: 4 }),
      JSON.stringify({ ...TEST_CONFIG, quorum: 0 }),
      JSON.stringify({ ...TEST_CONFIG, regions: {} }),
      JSON.stringify({ ...TEST_CONFIG, regions: { EU: ['EUMSP'] } }),
      JSON.stringify({ ...TEST_CONFIG, regions: { eu: [] } }),
      JSON.stringify({ ...TEST_CONFIG, regions: { eu: ['EU MSP'] } }),
      JSON.stringify({ ...TEST_CONFIG, admins: ['EUMSP', 'EUMSP'] }),
      JSON.stringify({ ...TEST_CONFIG, version: 1.5 }),
    ];
    for (const c of bad) await expectLedgerError(fresh.submit('EUMSP', 'InitConfig', c), 'MALFORMED');
    await expectLedgerError(fresh.submit('EUMSP', 'InitConfig', JSON.stringify({ ...TEST_CONFIG, version: 2 })), 'CONFIG_CONFLICT');
  });

  test('a change needs a quorum of distinct admin MSPs approving the same next version', async () => {
    const next = { ...TEST_CONFIG, version: 2, regions: { ...TEST_CONFIG.regions, me: ['MEMSP', 'RogueMSP'] } };
    await expectLedgerError(append(peer, 'RogueMSP', 'me', 0, makeLeaves('me', 0, 1)), 'FORBIDDEN');

    await expectLedgerError(peer.submit('RogueMSP', 'ApproveConfig', JSON.stringify(next)), 'FORBIDDEN');
    await expectLedgerError(peer.submit('EUMSP', 'ApproveConfig', JSON.stringify({ ...next, version: 3 })), 'CONFIG_CONFLICT');

    const first = JSON.parse(Buffer.from(await peer.submit('EUMSP', 'ApproveConfig', JSON.stringify(next))).toString());
    expect(first).toMatchObject({ status: 'pending', approvals: ['EUMSP'], quorum: 2 });
    // The same admin approving twice does not reach quorum.
    const again = JSON.parse(Buffer.from(await peer.submit('EUMSP', 'ApproveConfig', JSON.stringify(next))).toString());
    expect(again).toMatchObject({ status: 'pending', approvals: ['EUMSP'] });
    // A different proposal for the same version collects its own approvals.
    const other = { ...next, quorum: 1 };
    expect(JSON.parse(Buffer.from(await peer.submit('MEMSP', 'ApproveConfig', JSON.stringify(other))).toString())).toMatchObject({ status: 'pending', approvals: ['MEMSP'] });

    // Key order and list order do not matter: approvals match on the canonical form.
    const reordered = { quorum: 2, admins: ['SEAMSP', 'EUMSP', 'MEMSP'], regions: { me: ['RogueMSP', 'MEMSP'], sea: ['SEAMSP'], eu: ['EUMSP'] }, version: 2 };
    const applied = JSON.parse(Buffer.from(await peer.submit('SEAMSP', 'ApproveConfig', JSON.stringify(reordered))).toString());
    expect(applied).toMatchObject({ status: 'applied', version: 2, approvals: ['EUMSP', 'SEAMSP'] });
    expect(await query(peer, 'GetConfig')).toMatchObject({ version: 2, regions: { me: ['MEMSP', 'RogueMSP'] } });
    await append(peer, 'RogueMSP', 'me', 0, makeLeaves('me', 0, 1));
    // The stale proposal for version 2 can no longer be applied.
    await expectLedgerError(peer.submit('SEAMSP', 'ApproveConfig', JSON.stringify(other)), 'CONFIG_CONFLICT');
  });
});

describe('append', () => {
  test('a batch is one transaction, one tree update and one event; result matches RFC 6962', async () => {
    const leaves = makeLeaves('eu', 0, 7);
    const r = await append(peer, 'EUMSP', 'eu', 0, leaves);
    expect(r).toMatchObject({ region: 'eu', firstIndex: 0, count: 7, size: 7, root: hex(naiveMerkle.root(leaves)) });
    expect(r.leafHashes).toEqual(leaves.map((l) => hex(hashLeaf(l))));
    expect(r.committedAt).toMatch(/^2025-01-31T09:00:\d\d\.000Z$/);
    expect(await query(peer, 'GetHead', 'eu')).toEqual({ region: 'eu', size: 7, root: r.root });
    expect(peer.world.events).toHaveLength(2); // InitConfig's config event + this append
    const ev = peer.world.events[1]!;
    expect(ev.eventName).toBe(APPENDED_EVENT);
    expect(JSON.parse(ev.payload.toString())).toEqual({ region: 'eu', firstIndex: 0, count: 7, size: 7, root: r.root, txId: r.txId });
    expect(ev.txId).toBe(r.txId);
  });

  test('successive batches extend the same tree; regions are independent logs', async () => {
    const eu = makeLeaves('eu', 0, 20);
    let at = 0;
    for (const n of [1, 2, 5, 3, 9]) {
      const r = await append(peer, 'EUMSP', 'eu', at, eu.slice(at, at + n));
      at += n;
      expect(r.root).toBe(hex(naiveMerkle.root(eu.slice(0, at))));
    }
    const sea = makeLeaves('sea', 0, 3);
    await append(peer, 'SEAMSP', 'sea', 0, sea);
    expect(await query(peer, 'GetHead', 'sea')).toMatchObject({ size: 3, root: hex(naiveMerkle.root(sea)) });
    expect(await query(peer, 'GetHead', 'eu')).toMatchObject({ size: 20 });
    expect(await query(peer, 'GetHead', 'me')).toEqual({ region: 'me', size: 0, root: hex(naiveMerkle.root([])) });
  });

  test(`a full batch of ${MAX_BATCH} leaves works without read-your-writes`, async () => {
    const leaves = makeLeaves('eu', 0, MAX_BATCH);
    const r = await append(peer, 'EUMSP', 'eu', 0, leaves);
    expect(r.root).toBe(hex(naiveMerkle.root(leaves)));
    await expectLedgerError(append(peer, 'EUMSP', 'eu', MAX_BATCH, makeLeaves('eu', MAX_BATCH, MAX_BATCH + 1)), 'MALFORMED');
  });
});

describe('append refusals', () => {
  beforeEach(async () => {
    await append(peer, 'EUMSP', 'eu', 0, makeLeaves('eu', 0, 3));
  });

  async function expectUnchanged(): Promise<void> {
    expect(await query(peer, 'GetHead', 'eu')).toMatchObject({ size: 3 });
    expect(peer.world.events.filter((e) => e.eventName === APPENDED_EVENT)).toHaveLength(1);
  }

  test('an MSP not authorised for the region is refused', async () => {
    const e1 = await expectLedgerError(append(peer, 'SEAMSP', 'eu', 3, makeLeaves('eu', 3, 1)), 'FORBIDDEN');
    expect(e1.evidence).toEqual({ region: 'eu', msp: 'SEAMSP' });
    await expectLedgerError(append(peer, 'RogueMSP', 'eu', 3, makeLeaves('eu', 3, 1)), 'FORBIDDEN');
    await expectLedgerError(append(peer, 'EUMSP', 'us', 0, makeLeaves('us', 0, 1)), 'FORBIDDEN');
    await expectUnchanged();
  });

  test('a duplicate index is refused', async () => {
    const e = await expectLedgerError(append(peer, 'EUMSP', 'eu', 2, makeLeaves('eu', 2, 2)), 'DUPLICATE_INDEX');
    expect(e.evidence).toMatchObject({ expected: 3, got: 2 });
    await expectLedgerError(append(peer, 'EUMSP', 'eu', 0, makeLeaves('eu', 0, 1)), 'DUPLICATE_INDEX');
    await expectUnchanged();
  });

  test('an index gap is refused', async () => {
    const e = await expectLedgerError(append(peer, 'EUMSP', 'eu', 5, makeLeaves('eu', 5, 1)), 'INDEX_GAP');
    expect(e.evidence).toMatchObject({ expected: 3, got: 5 });
    await expectUnchanged();
  });

  test('malformed arguments are refused with MALFORMED', async () => {
    const ok = leavesArg(makeLeaves('eu', 3, 1));
    const cases: Array<[string, string, string]> = [
      ['EU', '3', ok],
      ['', '3', ok],
      ['e/u', '3', ok],
      ['eu', '-1', ok],
      ['eu', '03', ok],
      ['eu', '3.0', ok],
      ['eu', 'three', ok],
      ['eu', '', ok],
      ['eu', '99999999999999999', ok],
      ['eu', '3', 'not json'],
      ['eu', '3', '{"0":"AA=="}'],
      ['eu', '3', '[]'],
      ['eu', '3', '[1]'],
      ['eu', '3', '["***"]'],
      ['eu', '3', '["AQ"]'], // unpadded base64 is not canonical
      ['eu', '3', '[""]'],
      ['eu', '3', JSON.stringify([b64(Buffer.alloc(MAX_LEAF_BYTES + 1, 0x41))])],
    ];
    for (const [region, first, leaves] of cases) {
      await expectLedgerError(peer.submit('EUMSP', 'Append', region, first, leaves), 'MALFORMED');
    }
    await expectUnchanged();
  });

  test('leaves that are not canonical Meridian commitment leaves of that region are refused', async () => {
    const good = makeLeaf('eu', 3);
    const obj = JSON.parse(Buffer.from(good).toString()) as Record<string, unknown>;
    const variants: Record<string, Uint8Array> = {
      otherRegion: makeLeaf('sea', 3),
      notJson: Buffer.from('hello'),
      notUtf8: Buffer.from([0xff, 0xfe, 0x7b]),
      whitespace: Buffer.from(JSON.stringify(obj, null, 1)),
      unsortedKeys: Buffer.from(JSON.stringify({ v: 1, ...obj })),
      extraField: Buffer.from(JSON.stringify({ ...obj, name: 'Alice' })),
      unknownType: Buffer.from(JSON.stringify({ ...obj, type: 'chat_transcript' })),
      emailInMeta: Buffer.from(JSON.stringify({ ...obj, meta: { contact: 'alice@example.com' } })),
      emailInRefId: Buffer.from(JSON.stringify({ ...obj, refId: 'alice@example.com' })),
      shortCommitment: Buffer.from(JSON.stringify({ ...obj, commitment: b64(Buffer.alloc(16)) })),
      badTime: Buffer.from(JSON.stringify({ ...obj, time: '2025-01-31' })),
      version2: Buffer.from(JSON.stringify({ ...obj, v: 2 })),
    };
    for (const [name, leaf] of Object.entries(variants)) {
      const e = await expectLedgerError(append(peer, 'EUMSP', 'eu', 3, [makeLeaf('eu', 3), leaf]), 'MALFORMED');
      expect(e.evidence, name).toMatchObject({ position: 1 });
    }
    await expectUnchanged();
  });

  test('unknown transactions and wrong arity fail cleanly', async () => {
    await expectLedgerError(peer.submit('EUMSP', 'DeleteEverything'), 'UNKNOWN_TRANSACTION');
    const err = await peer.submit('EUMSP', 'Append', 'eu', '3').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EndorseError);
    expect((err as EndorseError).details[0]!.message).toMatch(/Expected 3 parameters, but 2 have been supplied/);
    await expectUnchanged();
  });
});

describe('concurrency (MVCC)', () => {
  test('two appends endorsed at the same index: the second to commit is invalidated, nothing of it applies', async () => {
    const a = await peer.endorse('EUMSP', 'Append', ['eu', '0', leavesArg(makeLeaves('eu', 0, 2))]);
    const b = await peer.endorse('EUMSP', 'Append', ['eu', '0', leavesArg([makeLeaf('eu', 100)])]);
    expect(peer.commit(a, b)).toEqual([TxValidationCode.VALID, TxValidationCode.MVCC_READ_CONFLICT]);
    const entries = await query<{ entries: Array<{ leaf: string }> }>(peer, 'GetEntries', 'eu', '0', '10');
    expect(entries.entries.map((e) => e.leaf)).toEqual(makeLeaves('eu', 0, 2).map(b64));
    expect(peer.world.events.filter((e) => e.eventName === APPENDED_EVENT)).toHaveLength(1);
  });

  test('the gateway surfaces the losing append as a CommitError with MVCC_READ_CONFLICT', async () => {
    const a = await peer.endorse('EUMSP', 'Append', ['eu', '0', leavesArg(makeLeaves('eu', 0, 1))]);
    const pending = peer.submit('EUMSP', 'Append', 'eu', '0', leavesArg([makeLeaf('eu', 7)]));
    // Commit `a` while the second is being endorsed on the old snapshot.
    peer.commit(a);
    const err = await pending.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommitError);
    expect((err as CommitError).code).toBe(TxValidationCode.MVCC_READ_CONFLICT);
    expect((err as CommitError).message).toMatch(/MVCC_READ_CONFLICT/);
  });

  test('appends to different regions in one block do not conflict', async () => {
    const eu = await peer.endorse('EUMSP', 'Append', ['eu', '0', leavesArg(makeLeaves('eu', 0, 2))]);
    const sea = await peer.endorse('SEAMSP', 'Append', ['sea', '0', leavesArg(makeLeaves('sea', 0, 2))]);
    const me = await peer.endorse('MEMSP', 'Append', ['me', '0', leavesArg(makeLeaves('me', 0, 2))]);
    expect(peer.commit(eu, sea, me)).toEqual([0, 0, 0]);
  });
});

describe('roots and proofs for every size', () => {
  const all = makeLeaves('eu', 0, 37);
  beforeEach(async () => {
    let at = 0;
    for (const n of [1, 4, 11, 2, 16, 3]) {
      await append(peer, 'EUMSP', 'eu', at, all.slice(at, at + n));
      at += n;
    }
  });

  test('GetRoot, GetInclusionProof and GetConsistencyProof match RFC 6962 and verify', async () => {
    for (let n = 0; n <= 37; n++) {
      const prefix = all.slice(0, n);
      const { root } = await query<{ root: string }>(peer, 'GetRoot', 'eu', String(n));
      expect(root).toBe(hex(naiveMerkle.root(prefix)));
      for (let i = 0; i < n; i += 3) {
        const p = await query<{ hashes: string[] }>(peer, 'GetInclusionProof', 'eu', String(i), String(n));
        expect(p.hashes).toEqual(naiveMerkle.inclusionProof(prefix, i).map(hex));
        verifyInclusion(i, n, hashLeaf(all[i]!), p.hashes.map(fromHex), fromHex(root));
      }
      for (let m = 0; m <= n; m += 2) {
        const c = await query<{ hashes: string[] }>(peer, 'GetConsistencyProof', 'eu', String(m), String(n));
        expect(c.hashes).toEqual(naiveMerkle.consistencyProof(prefix, m).map(hex));
        // audit's verifier refuses from = 0 (it proves nothing); the chaincode returns the empty proof for it.
        if (m > 0) verifyConsistency(m, n, c.hashes.map(fromHex), naiveMerkle.root(all.slice(0, m)), fromHex(root));
      }
    }
  });

  test('out-of-range queries are typed', async () => {
    await expectLedgerError(query(peer, 'GetRoot', 'eu', '38'), 'OUT_OF_RANGE');
    await expectLedgerError(query(peer, 'GetInclusionProof', 'eu', '37', '37'), 'OUT_OF_RANGE');
    await expectLedgerError(query(peer, 'GetInclusionProof', 'eu', '0', '38'), 'OUT_OF_RANGE');
    await expectLedgerError(query(peer, 'GetConsistencyProof', 'eu', '5', '4'), 'OUT_OF_RANGE');
    await expectLedgerError(query(peer, 'GetConsistencyProof', 'eu', '1', '38'), 'OUT_OF_RANGE');
    await expectLedgerError(query(peer, 'GetEntries', 'eu', '0', '1001'), 'OUT_OF_RANGE');
    await expectLedgerError(query(peer, 'GetRoot', 'eu', 'x'), 'MALFORMED');
  });

  test('GetEntries returns the exact leaves in index order, clamped to the size', async () => {
    const r = await query<{ from: number; to: number; entries: Array<{ index: number; leaf: string }> }>(peer, 'GetEntries', 'eu', '30', '40');
    expect(r.from).toBe(30);
    expect(r.to).toBe(37);
    expect(r.entries.map((e) => e.index)).toEqual([30, 31, 32, 33, 34, 35, 36]);
    expect(r.entries.map((e) => e.leaf)).toEqual(all.slice(30).map(b64));
    expect((await query<{ entries: unknown[] }>(peer, 'GetEntries', 'eu', '5', '5')).entries).toEqual([]);
  });

  test('GetEntriesByRef finds every leaf carrying a refId, and only in that region', async () => {
    const shared = [makeLeaf('eu', 37, { refId: 'rr-1' }), makeLeaf('eu', 38, { refId: 'rr-10' }), makeLeaf('eu', 39, { refId: 'rr-1', type: 'erasure' })];
    await append(peer, 'EUMSP', 'eu', 37, shared);
    await append(peer, 'SEAMSP', 'sea', 0, [makeLeaf('sea', 0, { refId: 'rr-1' })]);
    const r = await query<{ entries: Array<{ index: number; leaf: string }> }>(peer, 'GetEntriesByRef', 'eu', 'rr-1');
    expect(r.entries.map((e) => e.index)).toEqual([37, 39]);
    expect(r.entries.map((e) => e.leaf)).toEqual([b64(shared[0]!), b64(shared[2]!)]);
    expect((await query<{ entries: unknown[] }>(peer, 'GetEntriesByRef', 'eu', 'none')).entries).toEqual([]);
    await expectLedgerError(query(peer, 'GetEntriesByRef', 'eu', 'bob@example.com'), 'MALFORMED');
  });

  test('a corrupted stored node is reported, not silently used', async () => {
    peer.world.tamper(keys.node('eu', 0, 5), Buffer.alloc(31));
    await expectLedgerError(query(peer, 'GetInclusionProof', 'eu', '4', '37'), 'CORRUPT_STATE');
  });
});

describe('checkpoints', () => {
  const origin = 'meridian.local/ledger/eu';
  let root5: Buffer;
  let root8: Buffer;
  beforeEach(async () => {
    const leaves = makeLeaves('eu', 0, 8);
    await append(peer, 'EUMSP', 'eu', 0, leaves.slice(0, 5));
    await append(peer, 'EUMSP', 'eu', 5, leaves.slice(5));
    root5 = Buffer.from(naiveMerkle.root(leaves.slice(0, 5)));
    root8 = Buffer.from(naiveMerkle.root(leaves));
  });
  const put = async (note: string, msp: 'EUMSP' | 'SEAMSP' = 'EUMSP') =>
    JSON.parse(Buffer.from(await peer.submit(msp, 'PutCheckpoint', 'eu', note)).toString()) as { size: number; note: string; stored: boolean };

  test('stores a checkpoint whose body matches the tree; idempotent; latest and ranges', async () => {
    const n5 = signedCheckpointNote(origin, 5, root5);
    expect(await put(n5)).toEqual({ region: 'eu', size: 5, note: n5, stored: true });
    expect(await put(n5)).toMatchObject({ stored: false });
    const n8 = signedCheckpointNote(origin, 8, root8);
    await put(n8);
    expect(await query(peer, 'GetLatestCheckpoint', 'eu')).toEqual({ region: 'eu', checkpoint: { size: 8, note: n8 } });
    expect((await query<{ checkpoints: Array<{ size: number }> }>(peer, 'GetCheckpoints', 'eu', '0', '7')).checkpoints.map((c) => c.size)).toEqual([5]);
    expect((await query<{ checkpoints: Array<{ size: number }> }>(peer, 'GetCheckpoints', 'eu', '5', '8')).checkpoints.map((c) => c.size)).toEqual([5, 8]);
    expect(await query(peer, 'GetLatestCheckpoint', 'sea')).toEqual({ region: 'sea', checkpoint: null });
  });

  test('refuses checkpoints that contradict the tree or go backwards', async () => {
    await expectLedgerError(put(signedCheckpointNote(origin, 5, root8)), 'CHECKPOINT_CONFLICT');
    await expectLedgerError(put(signedCheckpointNote(origin, 9, root8)), 'CHECKPOINT_CONFLICT');
    await put(signedCheckpointNote(origin, 8, root8));
    await expectLedgerError(put(signedCheckpointNote(origin, 5, root5)), 'CHECKPOINT_CONFLICT');
    await expectLedgerError(put(signedCheckpointNote('other.origin/eu', 8, root8)), 'CHECKPOINT_CONFLICT');
    await expectLedgerError(put(signedCheckpointNote(origin, 8, root8), 'SEAMSP'), 'FORBIDDEN');
    for (const bad of ['', 'no blank line\n', `${origin}\n8\n${b64(root8)}\n\n`, `${origin}\n08\n${b64(root8)}\n\n\u2014 k AAAA\n`, `${origin}\n8\n${b64(root8)}\n\n- k AAAA\n`]) {
      await expectLedgerError(put(bad), 'MALFORMED');
    }
  });

  test('cosignatures are appended once each, only to a stored checkpoint', async () => {
    const n8 = signedCheckpointNote(origin, 8, root8);
    await put(n8);
    const lines = ['\u2014 witness.sea AAAAAAAA', '\u2014 witness.me BBBBBBBB'];
    const add = async (l: string[]) => JSON.parse(Buffer.from(await peer.submit('EUMSP', 'AddCosignatures', 'eu', '8', JSON.stringify(l))).toString()) as { note: string };
    const r1 = await add(lines);
    expect(r1.note).toBe(`${n8}${lines[0]}\n${lines[1]}\n`);
    const r2 = await add([lines[1]!, lines[0]!]);
    expect(r2.note).toBe(r1.note);
    await expectLedgerError(add(['not a signature line']), 'MALFORMED');
    await expectLedgerError(peer.submit('EUMSP', 'AddCosignatures', 'eu', '5', JSON.stringify(lines)), 'NOT_FOUND');
    // The stored body is untouched: re-putting the original note is still a no-op.
    expect(await put(n8)).toMatchObject({ stored: false, note: r1.note });
  });
});

describe('privacy', () => {
  test('world state holds no payload content: only leaves, hashes, heads, config, indexes', async () => {
    await append(peer, 'EUMSP', 'eu', 0, makeLeaves('eu', 0, 10));
    const state = peer.world.snapshot();
    for (const key of state.keys()) {
      const value = state.get(key)!.value.toString('latin1');
      expect(value).not.toMatch(/alice|hello from/);
      expect(key).not.toMatch(/alice/);
    }
  });
});
