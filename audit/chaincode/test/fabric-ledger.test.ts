// The gateway client (audit/src/fabric) against the chaincode: FabricLedger's
// ContractLike transport is the peer double, which runs the real contract
// dispatch on the ChaincodeStub double. Salts go to a real (PGlite) database.
import './double/quiet-logs.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { CommitError, CommitStatusError } from '@hyperledger/fabric-gateway';
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { freshDatabase, type TestDatabase } from '../../../test/databases.ts';
import { fabricLedger } from '../../src/fabric/fabric-ledger.ts';
import { CHAINCODE_ERROR_CODES, parseChaincodeError } from '../../src/fabric/fabric-errors.ts';
import type { ContractLike } from '../../src/fabric/contract-like.ts';
import type { Ledger } from '../../src/ledger/ledger.ts';
import type { LedgerEntryInput } from '../../src/ledger/ledger-entry-input.ts';
import { postgresLedger } from '../../src/ledger/postgres/postgres-ledger.ts';
import { ledgerSalts } from '../../src/ledger/ledger-salts.repository.ts';
import { decodeLeaf } from '../../src/ledger/decode-leaf.ts';
import { ed25519NoteSigner } from '../../src/note/ed25519-note-signer.ts';
import { openCheckpoint } from '../../src/checkpoint/open-checkpoint.ts';
import { parseNote } from '../../src/note/parse-note.ts';
import type { NoteVerifierKey } from '../../src/note/note-verifier-key.ts';
import { naiveMerkle } from '../../src/merkle/naive/naive-merkle.ts';
import { hashLeaf } from '../../src/merkle/hashes.ts';
import { verifyInclusion } from '../../src/merkle/verify-inclusion.ts';
import { verifyConsistency } from '../../src/merkle/verify-consistency.ts';
import { LEDGER_ERROR_CODES, LedgerContractError, parseLedgerErrorMessage } from '../src/errors.ts';
import { FabricPeerDouble } from './double/peer-double.ts';
import { b64, makeLeaves } from './helpers.ts';

const ORIGIN = 'meridian.local/ledger/eu';
const logKey = generateKeyPairSync('ed25519').privateKey;
const signer = ed25519NoteSigner(ORIGIN, logKey);
const verifierKey: NoteVerifierKey = { name: ORIGIN, keyId: signer.keyId, publicKey: signer.publicKey, type: 0x01 };

function seededSalts(seed: string) {
  let n = 0;
  return (bytes: number): Uint8Array => createHash('sha256').update(`${seed}/${n++}`).digest().subarray(0, bytes);
}

function entries(from: number, count: number, over: Partial<LedgerEntryInput> = {}): LedgerEntryInput[] {
  return Array.from({ length: count }, (_, k) => ({
    type: 'interaction' as const,
    region: 'eu',
    time: new Date(Date.UTC(2025, 0, 31, 9, 0, 0, from + k)),
    refId: `msg-${from + k}`,
    subjectId: subject,
    payload: Buffer.from(`customer alice@example.com wrote message ${from + k}`),
    meta: { route: 'bot' },
    ...over,
  }));
}

// One database for the file (restoring PGlite costs ~0.5 s); each test has its
// own subject and salt seed, so salt rows never collide.
let db: TestDatabase;
let peer: FabricPeerDouble;
let ledger: Ledger;
let subject: string;

beforeAll(async () => {
  db = await freshDatabase('pglite');
});
afterAll(async () => {
  await db.close();
});
beforeEach(async () => {
  subject = randomUUID();
  peer = new FabricPeerDouble();
  await peer.init();
  ledger = fabricLedger({ contract: peer.contract('EUMSP'), region: 'eu', signer, salts: seededSalts(subject) });
});

async function appendIn(l: Ledger, es: LedgerEntryInput[]) {
  return db.db.transaction().execute((trx) => l.append(trx, es));
}

async function allLeaves(l: Ledger): Promise<Uint8Array[]> {
  return (await l.entries(0, await l.size())).map((e) => e.leaf);
}

async function expectMeridian(p: Promise<unknown>, code: string): Promise<MeridianError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e, `expected ${code}`).toBeInstanceOf(MeridianError);
  expect((e as MeridianError).code, (e as Error).message).toBe(code);
  return e as MeridianError;
}

describe('FabricLedger over the chaincode', () => {
  test('append writes salts in the caller transaction and leaves on the chain', async () => {
    const appended = await appendIn(ledger, entries(0, 5));
    expect(appended.map((a) => a.index)).toEqual([0, 1, 2, 3, 4]);
    expect(await ledger.size()).toBe(5);
    expect(await ledgerSalts.countForSubject(db.db, subject)).toBe(5);
    const leaves = await allLeaves(ledger);
    expect(leaves.map((l) => Buffer.from(hashLeaf(l)).toString('hex'))).toEqual(appended.map((a) => Buffer.from(a.leafHash).toString('hex')));
    const decoded = leaves.map(decodeLeaf);
    expect(decoded.map((d) => d.refId)).toEqual(['msg-0', 'msg-1', 'msg-2', 'msg-3', 'msg-4']);
    expect(decoded.map((d) => Buffer.from(d.commitment).toString('hex'))).toEqual(appended.map((a) => Buffer.from(a.commitment).toString('hex')));
    expect(Buffer.from(await ledger.root(5)).toString('hex')).toBe(Buffer.from(naiveMerkle.root(leaves)).toString('hex'));
    // One Append transaction, one event.
    expect(peer.world.events.filter((e) => e.eventName === 'meridian.ledger.appended')).toHaveLength(1);
    // Nothing personal reached the chain.
    for (const key of peer.world.snapshot().keys()) expect(peer.world.snapshot().get(key)!.value.toString('latin1')).not.toMatch(new RegExp(`alice|customer|${subject}`));
  });

  test('big batches are split into Append transactions of at most maxBatch leaves', async () => {
    const small = fabricLedger({ contract: peer.contract('EUMSP'), region: 'eu', signer, maxBatch: 4 });
    const appended = await appendIn(small, entries(0, 10));
    expect(appended.map((a) => a.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(peer.world.events.filter((e) => e.eventName === 'meridian.ledger.appended').map((e) => JSON.parse(e.payload.toString()).count)).toEqual([4, 4, 2]);
    expect(() => fabricLedger({ contract: peer.contract('EUMSP'), region: 'eu', signer, maxBatch: 1001 })).toThrow(MeridianError);
  });

  test('proofs from the chain verify against its roots', async () => {
    await appendIn(ledger, entries(0, 6));
    await appendIn(ledger, entries(6, 7));
    const leaves = await allLeaves(ledger);
    for (let n = 1; n <= 13; n++) {
      const root = await ledger.root(n);
      for (let i = 0; i < n; i++) {
        const p = await ledger.inclusionProof(i, n);
        expect(p.index).toBe(i);
        verifyInclusion(i, n, hashLeaf(leaves[i]!), p.hashes, root);
      }
      for (let m = 1; m <= n; m++) {
        const c = await ledger.consistencyProof(m, n);
        verifyConsistency(m, n, c.hashes, await ledger.root(m), root);
      }
    }
    expect((await ledger.consistencyProof(0, 13)).hashes).toEqual([]);
    await expectMeridian(ledger.root(14), 'BAD_INPUT');
    await expectMeridian(ledger.inclusionProof(13, 13), 'BAD_INPUT');
    await expectMeridian(ledger.root(-1), 'BAD_INPUT');
  });

  test('entries pages and clamps; entriesByRef finds a request across types', async () => {
    const small = fabricLedger({ contract: peer.contract('EUMSP'), region: 'eu', signer });
    await appendIn(small, entries(0, 4));
    await appendIn(small, [...entries(4, 1, { refId: 'rights-7', type: 'rights_request' }), ...entries(5, 1, { refId: 'rights-7', type: 'erasure', subjectId: undefined })]);
    expect((await small.entries(2, 100)).map((e) => e.index)).toEqual([2, 3, 4, 5]);
    expect(await small.entries(3, 3)).toEqual([]);
    await expectMeridian(small.entries(3, 2), 'BAD_INPUT');
    const byRef = await small.entriesByRef('rights-7');
    expect(byRef.map((e) => [e.index, decodeLeaf(e.leaf).type])).toEqual([[4, 'rights_request'], [5, 'erasure']]);
  });

  test('checkpoints are signed locally, stored on the chain, verifiable, cosignable', async () => {
    expect(await ledger.latestCheckpoint()).toBeUndefined();
    await appendIn(ledger, entries(0, 3));
    const c1 = await ledger.checkpoint();
    expect(c1.checkpoint).toMatchObject({ origin: ORIGIN, size: 3 });
    expect(Buffer.from(c1.checkpoint.rootHash).toString('hex')).toBe(Buffer.from(await ledger.root(3)).toString('hex'));
    openCheckpoint(c1.note, verifierKey);
    expect((await ledger.checkpoint()).note).toBe(c1.note);

    await appendIn(ledger, entries(3, 5));
    const c2 = await ledger.checkpoint();
    expect(c2.checkpoint.size).toBe(8);
    expect((await ledger.latestCheckpoint())?.note).toBe(c2.note);
    expect((await ledger.checkpoints(0, 100)).map((c) => c.checkpoint.size)).toEqual([3, 8]);
    expect((await ledger.checkpoints(4, 8)).map((c) => c.checkpoint.size)).toEqual([8]);

    const witness = ed25519NoteSigner('witness.sea', generateKeyPairSync('ed25519').privateKey);
    const line = `\u2014 witness.sea ${b64(Buffer.concat([witness.keyId, witness.sign(Buffer.from('cosig'))]))}`;
    const cosigned = await ledger.addCosignatures(8, [`${line}\n`, line]);
    expect(parseNote(cosigned.note).signatures).toHaveLength(2);
    expect((await ledger.addCosignatures(8, [line])).note).toBe(cosigned.note);
    openCheckpoint(cosigned.note, verifierKey);
    await expectMeridian(ledger.addCosignatures(5, [line]), 'NOT_FOUND');
    await expectMeridian(ledger.addCosignatures(5, []), 'NOT_FOUND');
  });

  test('checkpoint refuses to sign a view inconsistent with the last checkpoint (lying peer)', async () => {
    await appendIn(ledger, entries(0, 4));
    await ledger.checkpoint();
    await appendIn(ledger, entries(4, 2));
    const honest = peer.contract('EUMSP');
    const lying: ContractLike = {
      submitTransaction: (n, ...a) => honest.submitTransaction(n, ...a),
      evaluateTransaction: async (n, ...a) => {
        const out = await honest.evaluateTransaction(n, ...a);
        if (n !== 'GetHead') return out;
        const h = JSON.parse(Buffer.from(out).toString());
        return Buffer.from(JSON.stringify({ ...h, root: 'ee'.repeat(32) }));
      },
    };
    const l = fabricLedger({ contract: lying, region: 'eu', signer });
    const e = await expectMeridian(l.checkpoint(), 'INTERNAL');
    expect(e.message).toMatch(/refusing to sign/);
    expect((await ledger.latestCheckpoint())?.checkpoint.size).toBe(4);
  });
});

describe('FabricLedger refusals and failures', () => {
  test('an MSP not authorised for the region: FORBIDDEN, and the caller transaction (salts) rolls back', async () => {
    const wrong = fabricLedger({ contract: peer.contract('SEAMSP'), region: 'eu', signer });
    const e = await expectMeridian(appendIn(wrong, entries(0, 2)), 'FORBIDDEN');
    expect(e.evidence).toMatchObject({ chaincodeCode: 'FORBIDDEN', region: 'eu', msp: 'SEAMSP' });
    expect(await ledgerSalts.countForSubject(db.db, subject)).toBe(0);
    expect(await ledger.size()).toBe(0);
    await expectMeridian(fabricLedger({ contract: peer.contract('RogueMSP'), region: 'eu', signer }).checkpoint(), 'FORBIDDEN');
  });

  test('an entry for another region is refused before anything is written', async () => {
    const before = peer.simulations;
    await expectMeridian(appendIn(ledger, entries(0, 1, { region: 'sea' })), 'BAD_INPUT');
    expect(peer.simulations).toBe(before);
    expect(await ledgerSalts.countForSubject(db.db, subject)).toBe(0);
  });

  test('a writer that loses the index to a concurrent writer retries at the new size', async () => {
    const inner = peer.contract('EUMSP');
    let raced = false;
    const racing: ContractLike = {
      evaluateTransaction: (n, ...a) => inner.evaluateTransaction(n, ...a),
      submitTransaction: async (n, ...a) => {
        if (n === 'Append' && !raced) {
          raced = true; // someone else appends 2 leaves between our GetHead and our Append
          await peer.submit('EUMSP', 'Append', 'eu', '0', JSON.stringify(makeLeaves('eu', 900, 2).map(b64)));
        }
        return inner.submitTransaction(n, ...a);
      },
    };
    const l = fabricLedger({ contract: racing, region: 'eu', signer });
    const appended = await appendIn(l, entries(0, 3));
    expect(appended.map((a) => a.index)).toEqual([2, 3, 4]);
    expect(await l.size()).toBe(5);
  });

  test('an MVCC conflict at commit is retried at the new size', async () => {
    const inner = peer.contract('EUMSP');
    const theirs = await peer.endorse('EUMSP', 'Append', ['eu', '0', JSON.stringify(makeLeaves('eu', 900, 1).map(b64))]);
    let raced = false;
    let commitErrors = 0;
    const racing: ContractLike = {
      evaluateTransaction: (n, ...a) => inner.evaluateTransaction(n, ...a),
      submitTransaction: (n, ...a) => {
        const p = inner.submitTransaction(n, ...a); // endorsed against the current snapshot
        if (n === 'Append' && !raced) {
          raced = true;
          peer.commit(theirs); // lands first
        }
        return p.catch((e: unknown) => {
          if (e instanceof CommitError) commitErrors++;
          throw e;
        });
      },
    };
    const l = fabricLedger({ contract: racing, region: 'eu', signer });
    const appended = await appendIn(l, entries(0, 2));
    expect(commitErrors).toBe(1);
    expect(appended.map((a) => a.index)).toEqual([1, 2]);
  });

  test('races beyond the retry budget surface as CONFLICT', async () => {
    const inner = peer.contract('EUMSP');
    let k = 0;
    const hostile: ContractLike = {
      evaluateTransaction: (n, ...a) => inner.evaluateTransaction(n, ...a),
      submitTransaction: async (n, ...a) => {
        if (n === 'Append') {
          const size = (JSON.parse(Buffer.from(await inner.evaluateTransaction('GetHead', 'eu')).toString()) as { size: number }).size;
          await peer.submit('EUMSP', 'Append', 'eu', String(size), JSON.stringify([b64(makeLeaves('eu', 500 + k++, 1)[0]!)]));
        }
        return inner.submitTransaction(n, ...a);
      },
    };
    const l = fabricLedger({ contract: hostile, region: 'eu', signer, raceRetries: 2 });
    const e = await expectMeridian(appendIn(l, entries(0, 1)), 'CONFLICT');
    expect(e.evidence).toMatchObject({ chaincodeCode: 'DUPLICATE_INDEX' });
    expect(k).toBe(3);
  });

  test('a retry that finds exactly its own leaves at the index counts as done (idempotent append)', async () => {
    const inner = peer.contract('EUMSP');
    let first = true;
    const flaky: ContractLike = {
      evaluateTransaction: (n, ...a) => inner.evaluateTransaction(n, ...a),
      submitTransaction: async (n, ...a) => {
        const out = await inner.submitTransaction(n, ...a);
        if (n === 'Append' && first) {
          first = false; // committed, but the client is told it lost a race
          throw new CommitError({ code: 11 as never, transactionId: 'lost' });
        }
        return out;
      },
    };
    const l = fabricLedger({ contract: flaky, region: 'eu', signer });
    const appended = await appendIn(l, entries(0, 3));
    expect(appended.map((a) => a.index)).toEqual([0, 1, 2]);
    expect(await l.size()).toBe(3);
  });

  test('peer outage: UNAVAILABLE, caller transaction rolls back', async () => {
    peer.setAvailable(false);
    await expectMeridian(ledger.size(), 'UNAVAILABLE');
    await expectMeridian(appendIn(ledger, entries(0, 1)), 'UNAVAILABLE');
    expect(await ledgerSalts.countForSubject(db.db, subject)).toBe(0);
    peer.setAvailable(true);
    expect(await ledger.size()).toBe(0);
  });

  test('unknown commit outcome is UNAVAILABLE and not blindly retried', async () => {
    const inner = peer.contract('EUMSP');
    let submits = 0;
    const unsure: ContractLike = {
      evaluateTransaction: (n, ...a) => inner.evaluateTransaction(n, ...a),
      submitTransaction: async (n, ...a) => {
        submits++;
        await inner.submitTransaction(n, ...a);
        const cause = Object.assign(new Error('4 DEADLINE_EXCEEDED'), { code: status.DEADLINE_EXCEEDED, details: 'deadline', metadata: new Metadata() }) as ServiceError;
        throw new CommitStatusError({ code: status.DEADLINE_EXCEEDED, details: [], cause, transactionId: 'tx-unknown' });
      },
    };
    const l = fabricLedger({ contract: unsure, region: 'eu', signer });
    const e = await expectMeridian(appendIn(l, entries(0, 2)), 'UNAVAILABLE');
    expect(e.evidence).toMatchObject({ outcome: 'unknown', transactionId: 'tx-unknown' });
    expect(submits).toBe(1);
    // It did commit: the leaves are on the chain, their salts were rolled back (unlinkable orphans).
    expect(await ledger.size()).toBe(2);
    expect(await ledgerSalts.countForSubject(db.db, subject)).toBe(0);
  });
});

describe('agreement between the chaincode and the client', () => {
  test('same error codes; the client parses every chaincode error message', () => {
    expect([...CHAINCODE_ERROR_CODES].sort()).toEqual([...LEDGER_ERROR_CODES].sort());
    for (const code of LEDGER_ERROR_CODES) {
      const msg = `chaincode response 500, ${new LedgerContractError(code, 'some reason', { region: 'eu', n: 3, list: [1, 'a'] }).message}`;
      expect(parseChaincodeError(msg)).toEqual(parseLedgerErrorMessage(msg));
      expect(parseChaincodeError(msg)).toEqual({ code, reason: 'some reason', evidence: { region: 'eu', n: 3, list: [1, 'a'] } });
    }
  });

  test('the Fabric backend and the Postgres backend build identical logs from identical input', async () => {
    const pgDb = await freshDatabase('pglite');
    try {
      const pg = postgresLedger({ db: pgDb.db, signer, salts: seededSalts('same') });
      const fab = fabricLedger({ contract: peer.contract('EUMSP'), region: 'eu', signer, salts: seededSalts('same'), maxBatch: 5 });
      const batches = [entries(0, 1), entries(1, 7), entries(8, 12), entries(20, 3)];
      for (const b of batches) {
        const a1 = await pgDb.db.transaction().execute((trx) => pg.append(trx, b));
        const a2 = await appendIn(fab, b);
        expect(a2.map((a) => [a.index, Buffer.from(a.leafHash).toString('hex'), Buffer.from(a.commitment).toString('hex')])).toEqual(
          a1.map((a) => [a.index, Buffer.from(a.leafHash).toString('hex'), Buffer.from(a.commitment).toString('hex')]),
        );
      }
      expect(await fab.size()).toBe(await pg.size());
      const n = await pg.size();
      expect((await fab.entries(0, n)).map((e) => b64(e.leaf))).toEqual((await pg.entries(0, n)).map((e) => b64(e.leaf)));
      for (const size of [1, 2, 7, 8, 16, 23]) {
        expect(Buffer.from(await fab.root(size))).toEqual(Buffer.from(await pg.root(size)));
        for (const i of [0, Math.floor(size / 2), size - 1]) {
          expect((await fab.inclusionProof(i, size)).hashes.map(b64)).toEqual((await pg.inclusionProof(i, size)).hashes.map(b64));
        }
        for (const m of [1, Math.ceil(size / 3), size]) {
          expect((await fab.consistencyProof(m, size)).hashes.map(b64)).toEqual((await pg.consistencyProof(m, size)).hashes.map(b64));
        }
      }
      expect((await fab.entriesByRef('msg-9')).map((e) => e.index)).toEqual((await pg.entriesByRef('msg-9')).map((e) => e.index));
      // Same key, same tree: byte-identical checkpoints.
      expect((await fab.checkpoint()).note).toBe((await pg.checkpoint()).note);
    } finally {
      await pgDb.close();
    }
  });
});
