import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, federationFixture, type FederationFixture } from './support/federation-fixture.ts';
import { requestCosignatures } from '../src/witness/request-cosignatures.ts';
import { vkey } from '../src/note/vkey.ts';
import { parseNote } from '../src/note/parse-note.ts';
import { verifyCosignature } from '../src/cosignature/verify-cosignature.ts';
import { signCheckpoint } from '../src/checkpoint/sign-checkpoint.ts';
import { naiveMerkle } from '../src/merkle/naive/naive-merkle.ts';
import { sampleEntries } from './support/sample-entries.ts';
import { logKey } from './support/ledger-keys.ts';
import { freshDatabase } from '../../test/databases.ts';
import { postgresLedger } from '../src/ledger/postgres/postgres-ledger.ts';

describe.each(DIALECTS)('witnesses on %s', (dialect) => {
  let f: FederationFixture;
  const append = (n: number, start: number) => f.region.db.transaction().execute((trx) => f.ledger.append(trx, sampleEntries(n, { start })));
  const keys = () => f.witnesses.map((w) => vkey.parse(w.vkey));

  beforeAll(async () => {
    f = await federationFixture(dialect);
  });
  afterAll(() => f.close());

  it('cosign the first checkpoint on first sight, then only with a valid consistency proof', async () => {
    await append(10, 0);
    const first = await requestCosignatures(f.ledger, f.witnesses, keys());
    expect(first.failures).toEqual([]);
    expect(first.results.sort()).toEqual(['meridian.test/witness/me', 'meridian.test/witness/sea']);
    const { text, signatures } = parseNote(first.checkpoint.note);
    for (const k of keys()) expect(signatures.some((s) => verifyCosignature(text, s, k) !== undefined)).toBe(true);

    await append(7, 10);
    // No hints: each witness answers `conflict` with the size it saw, and the log retries with a proof from there.
    const second = await requestCosignatures(f.ledger, f.witnesses, keys());
    expect(second.failures).toEqual([]);
    expect(second.checkpoint.checkpoint.size).toBe(17);
    for (const w of f.witnesses) expect(await w.lastCheckpoint(f.ledger.origin)).toContain('\n17\n');
    expect(f.alarms).toEqual([]);
  });

  it('refuse checkpoints not signed by a log they watch', async () => {
    const stranger = logKey('meridian.test/ledger/eu');
    const forged = signCheckpoint({ origin: f.ledger.origin, size: 99, rootHash: new Uint8Array(32), extensions: [] }, stranger.signer);
    await expect(f.witnesses[0]!.addCheckpoint({ oldSize: 17, consistencyProof: [], checkpointNote: forged.note })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const other = signCheckpoint({ origin: 'meridian.test/ledger/mars', size: 1, rootHash: new Uint8Array(32), extensions: [] }, logKey('meridian.test/ledger/mars').signer);
    await expect(f.witnesses[0]!.addCheckpoint({ oldSize: 0, consistencyProof: [], checkpointNote: other.note })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(f.alarms).toEqual([]);
  });

  describe('split-view: a region that signs two inconsistent checkpoints is caught', () => {
    it('same size, different root, shown to the same witness', async () => {
      const before = await f.witnesses[0]!.alarmCount();
      const honest = await f.witnesses[0]!.lastCheckpoint(f.ledger.origin);
      // The region's own key signs a second view of the same 17 entries, with one entry replaced.
      const leaves = (await f.ledger.entries(0, 17)).map((e) => e.leaf);
      leaves[3] = Buffer.from('{"rewritten":true}');
      const fork = signCheckpoint({ origin: f.ledger.origin, size: 17, rootHash: naiveMerkle.root(leaves), extensions: [] }, f.logSigner);
      const response = await f.witnesses[0]!.addCheckpoint({ oldSize: 17, consistencyProof: [], checkpointNote: fork.note });
      expect(response.status).toBe('alarm');
      if (response.status !== 'alarm') return;
      expect(response.alarm).toMatchObject({ kind: 'split_view', origin: f.ledger.origin, previousNote: honest, presentedNote: fork.note });
      expect(await f.witnesses[0]!.alarmCount()).toBe(before + 1);
      expect((await f.witnesses[0]!.alarms(f.ledger.origin)).at(-1)?.presentedNote).toBe(fork.note);
      // The witness keeps the honest view and does not move to the fork.
      expect(await f.witnesses[0]!.lastCheckpoint(f.ledger.origin)).toBe(honest);
    });

    it('a larger forked checkpoint whose history does not extend the one the witness saw', async () => {
      const leaves = (await f.ledger.entries(0, 17)).map((e) => e.leaf);
      leaves[0] = Buffer.from('{"rewritten":true}');
      const forked = [...leaves, Buffer.from('x'), Buffer.from('y')];
      const fork = signCheckpoint({ origin: f.ledger.origin, size: 19, rootHash: naiveMerkle.root(forked), extensions: [] }, f.logSigner);
      // The region sends the proof that is valid in its forked history.
      const response = await f.witnesses[1]!.addCheckpoint({ oldSize: 17, consistencyProof: naiveMerkle.consistencyProof(forked, 17), checkpointNote: fork.note });
      expect(response.status).toBe('alarm');
      if (response.status === 'alarm') expect(response.alarm.kind).toBe('inconsistent');
    });

    it('two witnesses shown different views find out by comparing notes (gossip)', async () => {
      const leaves = (await f.ledger.entries(0, 17)).map((e) => e.leaf);
      leaves[16] = Buffer.from('{"other view":1}');
      const fork = signCheckpoint({ origin: f.ledger.origin, size: 17, rootHash: naiveMerkle.root(leaves), extensions: [] }, f.logSigner);
      const before = f.alarms.length;
      const alarm = await f.witnesses[1]!.observe(fork.note);
      expect(alarm?.kind).toBe('split_view');
      // A consistent checkpoint of another size, observed later, raises nothing.
      await f.region.db.transaction().execute((trx) => f.ledger.append(trx, sampleEntries(2, { start: 17 })));
      expect(await f.witnesses[1]!.observe((await f.ledger.checkpoint()).note)).toBeUndefined();
      expect(f.alarms.length).toBe(before + 1);
    });

    it('a forked log asking for cosignatures gets failures carrying the alarms, and no cosignature', async () => {
      // Same region key, different storage: e.g. a restored backup that re-grew a different history.
      const forkDb = await freshDatabase(dialect);
      try {
        const forkLedger = postgresLedger({ db: forkDb.db, signer: f.logSigner });
        await forkDb.db.transaction().execute((trx) => forkLedger.append(trx, sampleEntries(25, { start: 500 })));
        const result = await requestCosignatures(forkLedger, f.witnesses, keys());
        expect(result.results).toEqual([]);
        expect(result.failures.map((x) => x.alarm?.kind)).toEqual(['inconsistent', 'inconsistent']);
        expect(parseNote(result.checkpoint.note).signatures.length).toBe(1);
      } finally {
        await forkDb.close();
      }
    });
  });
});
