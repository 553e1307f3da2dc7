import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseNote } from '../src/note/parse-note.ts';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../test/databases.ts';
import { postgresLedger } from '../src/ledger/postgres/postgres-ledger.ts';
import type { Ledger } from '../src/ledger/ledger.ts';
import { naiveMerkle } from '../src/merkle/naive/naive-merkle.ts';
import { hashLeaf } from '../src/merkle/hashes.ts';
import { decodeLeaf } from '../src/ledger/decode-leaf.ts';
import { openCheckpoint } from '../src/checkpoint/open-checkpoint.ts';
import { vkey } from '../src/note/vkey.ts';
import { verifyInclusion } from '../src/merkle/verify-inclusion.ts';
import { verifyConsistency } from '../src/merkle/verify-consistency.ts';
import { rfc9162InclusionRoot } from '../src/verify/rfc9162-inclusion-root.ts';
import { inclusionMutations, consistencyMutations } from './support/proof-mutations.ts';
import { sampleEntries } from './support/sample-entries.ts';
import { logKey } from './support/ledger-keys.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe.each(DIALECTS)('Postgres ledger on %s', (dialect) => {
  let t: TestDatabase;
  let ledger: Ledger;
  const key = logKey('meridian.test/ledger/eu');

  beforeAll(async () => {
    t = await freshDatabase(dialect);
    ledger = postgresLedger({ db: t.db, signer: key.signer });
  });
  afterAll(() => t.close());

  const leaves = async () => (await ledger.entries(0, await ledger.size())).map((e) => e.leaf);

  it('appends batches and single entries, with roots and proofs equal to the naive RFC 9162 tree at every size', async () => {
    const batches = [1, 1, 2, 13, 1, 16, 17, 33, 1, 100, 3, 64];
    let expected = 0;
    for (const n of batches) {
      const appended = await t.db.transaction().execute((trx) => ledger.append(trx, sampleEntries(n, { start: expected })));
      expect(appended.map((a) => a.index)).toEqual(Array.from({ length: n }, (_, i) => expected + i));
      expected += n;
    }
    expect(await ledger.size()).toBe(expected);
    const all = await leaves();
    for (const size of [1, 2, 3, 4, 5, 15, 16, 17, 31, 32, 33, 100, 255, 256, 257, expected]) {
      if (size > expected) continue;
      const data = all.slice(0, size);
      const root = await ledger.root(size);
      expect(hex(root)).toBe(hex(naiveMerkle.root(data)));
      for (const index of [0, size >> 1, size - 1]) {
        const proof = await ledger.inclusionProof(index, size);
        expect(proof.hashes.map(hex)).toEqual(naiveMerkle.inclusionProof(data, index).map(hex));
        verifyInclusion(index, size, hashLeaf(all[index]!), proof.hashes, root);
      }
      for (const from of [1, size >> 1, size - 1]) {
        if (from < 1) continue;
        const proof = await ledger.consistencyProof(from, size);
        expect(proof.hashes.map(hex)).toEqual(naiveMerkle.consistencyProof(data, from).map(hex));
        verifyConsistency(from, size, proof.hashes, naiveMerkle.root(all.slice(0, from)), root);
      }
    }
  });

  it('rejects every corruption of the proofs it serves', async () => {
    const size = await ledger.size();
    const all = await leaves();
    const root = await ledger.root(size);
    for (const index of [0, 7, size - 1]) {
      const proof = await ledger.inclusionProof(index, size);
      for (const m of inclusionMutations({ index, size, leafHash: hashLeaf(all[index]!), hashes: proof.hashes, root })) {
        expect(() => verifyInclusion(m.case.index, m.case.size, m.case.leafHash, m.case.hashes, m.case.root), m.name).toThrow();
        const r = rfc9162InclusionRoot(m.case.index, m.case.size, m.case.leafHash, m.case.hashes);
        expect(typeof r === 'string' || !Buffer.from(r).equals(m.case.root), m.name).toBe(true);
      }
    }
    const from = 100;
    const proof = await ledger.consistencyProof(from, size);
    for (const m of consistencyMutations({ from, to: size, hashes: proof.hashes, root1: await ledger.root(from), root2: root })) {
      expect(() => verifyConsistency(m.case.from, m.case.to, m.case.hashes, m.case.root1, m.case.root2), m.name).toThrow();
    }
  });

  it('stores leaves without personal data and finds them by refId', async () => {
    const all = await leaves();
    for (const leaf of all) {
      const text = Buffer.from(leaf).toString('utf8');
      expect(text).not.toMatch(/@|customer|hello/);
      expect(decodeLeaf(leaf).commitment.length).toBe(32);
    }
    const byRef = await ledger.entriesByRef('msg-5');
    expect(byRef.map((e) => e.index)).toEqual([5]);
    expect(decodeLeaf(byRef[0]!.leaf).refId).toBe('msg-5');
  });

  it('rolls appends back with the caller’s transaction', async () => {
    const before = await ledger.size();
    await expect(
      t.db.transaction().execute(async (trx) => {
        await ledger.append(trx, sampleEntries(5, { start: 9000 }));
        throw new Error('event failed');
      }),
    ).rejects.toThrow('event failed');
    expect(await ledger.size()).toBe(before);
    expect(await ledger.entriesByRef('msg-9000')).toEqual([]);
  });

  it('serialises concurrent appenders without gaps or lost leaves', async () => {
    const before = await ledger.size();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, w) => t.db.transaction().execute((trx) => ledger.append(trx, sampleEntries(7, { start: 10_000 + w * 7 })))),
    );
    const indexes = results.flat().map((a) => a.index).sort((a, b) => a - b);
    expect(indexes).toEqual(Array.from({ length: 42 }, (_, i) => before + i));
    const all = await leaves();
    expect(hex(await ledger.root(all.length))).toBe(hex(naiveMerkle.root(all)));
  });

  it('signs checkpoints, refuses to re-sign an unchanged tree, and stores cosignatures', async () => {
    const first = await ledger.checkpoint();
    const verifier = vkey.parse(key.vkey);
    expect(openCheckpoint(first.note, verifier).checkpoint.size).toBe(await ledger.size());
    expect((await ledger.checkpoint()).note).toBe(first.note);
    await t.db.transaction().execute((trx) => ledger.append(trx, sampleEntries(3, { start: 20_000 })));
    const second = await ledger.checkpoint();
    expect(second.checkpoint.size).toBe(first.checkpoint.size + 3);
    expect((await ledger.latestCheckpoint())?.note).toBe(second.note);
    expect((await ledger.checkpoints(0, second.checkpoint.size)).map((c) => c.checkpoint.size)).toEqual([first.checkpoint.size, second.checkpoint.size]);
    const line = '\u2014 meridian.test/witness/sea AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
    const cosigned = await ledger.addCosignatures(second.checkpoint.size, [line, line]);
    expect(cosigned.note.endsWith(`${line}\n`)).toBe(true);
    expect(cosigned.note.split(line).length).toBe(2);
    // The same witness (name + key ID) cosigning again, e.g. with a later timestamp: its newer line
    // replaces the older one in place, so repeated witnessing of an unchanged log never grows the note.
    const sigLine = (name: string, keyByte: number, sigByte: number) => `\u2014 ${name} ${Buffer.concat([Buffer.alloc(4, keyByte), Buffer.alloc(64, sigByte)]).toString('base64')}`;
    const later = sigLine('meridian.test/witness/sea', 0, 1);
    const other = sigLine('meridian.test/witness/me', 2, 0);
    for (let round = 0; round < 80; round++) await ledger.addCosignatures(second.checkpoint.size, [round % 2 ? line : later, other]);
    const settled = await ledger.addCosignatures(second.checkpoint.size, [later]);
    const lines = parseNote(settled.note).signatures.map((s) => s.line);
    expect(lines).toEqual([parseNote(second.note).signatures[0]!.line, later, other]);
    await expect(ledger.addCosignatures(second.checkpoint.size, ['\u2014 not a signature'])).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('refuses out-of-range sizes and indexes', async () => {
    const size = await ledger.size();
    await expect(ledger.root(size + 1)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(ledger.inclusionProof(size, size)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(ledger.consistencyProof(5, size + 1)).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});

describe('Postgres ledger against the naive tree for random batch splits (fast-check)', () => {
  it.each(DIALECTS)('on %s', async (dialect) => {
    const t = await freshDatabase(dialect);
    try {
      const ledger = postgresLedger({ db: t.db, signer: logKey('meridian.test/ledger/prop').signer });
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 12 }), fc.nat(), async (batches, pick) => {
          for (const n of batches) {
            const start = await ledger.size();
            await t.db.transaction().execute((trx) => ledger.append(trx, sampleEntries(n, { start })));
          }
          const size = await ledger.size();
          const all = (await ledger.entries(0, size)).map((e) => e.leaf);
          expect(hex(await ledger.root(size))).toBe(hex(naiveMerkle.root(all)));
          const index = pick % size;
          expect((await ledger.inclusionProof(index, size)).hashes.map(hex)).toEqual(naiveMerkle.inclusionProof(all, index).map(hex));
          const from = 1 + (pick % size);
          expect((await ledger.consistencyProof(from, size)).hashes.map(hex)).toEqual(naiveMerkle.consistencyProof(all, from).map(hex));
        }),
        { numRuns: 12 },
      );
    } finally {
      await t.close();
    }
  });
});
