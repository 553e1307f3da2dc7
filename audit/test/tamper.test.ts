import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, federationFixture, type FederationFixture } from './support/federation-fixture.ts';
import { requestCosignatures } from '../src/witness/request-cosignatures.ts';
import { vkey } from '../src/note/vkey.ts';
import { exportFullLog } from '../src/ledger/postgres/export-full-log.ts';
import { verifyBundle } from '../src/verify/verify-bundle.ts';
import { readTrustFile } from '../src/verify/read-trust-file.ts';
import type { TrustPolicy } from '../src/verify/trust-policy.ts';
import { sampleEntries } from './support/sample-entries.ts';

/**
 * Invariant 4 (DESIGN.md §8): any change to any stored ledger byte is detected.
 *
 * Each trial flips one random byte (XOR with a random non-zero mask) in the
 * stored bytes of a live region database: a leaf (`ledger_entries.leaf`), a
 * node-hash tile (`ledger_tiles.hashes`) or a signed checkpoint with its
 * witness cosignatures (`ledger_checkpoints.note`), with a real UPDATE.
 * "Detected" means: `meridian verify` run on a full export of that database
 * (every leaf, tile and checkpoint as stored) against the federation's trust
 * file returns a failing verdict (the CLI exits non-zero). The verifier
 * rebuilds the tree from the leaves, so even a tile hash that no proof would
 * ever use is caught. The byte is then restored and the next trial starts
 * from the pristine log; every 100 trials the restored log must verify again.
 */
const TRIALS = 1000;

describe.each(DIALECTS)('tamper detection on a live %s region database', (dialect) => {
  let f: FederationFixture;
  let trust: TrustPolicy;

  beforeAll(async () => {
    f = await federationFixture(dialect);
    const keys = f.witnesses.map((w) => vkey.parse(w.vkey));
    let start = 0;
    for (const batch of [1, 7, 16, 9, 24, 3]) {
      await f.region.db.transaction().execute((trx) => f.ledger.append(trx, sampleEntries(batch, { start })));
      start += batch;
      const { failures } = await requestCosignatures(f.ledger, f.witnesses, keys);
      expect(failures).toEqual([]);
    }
    trust = readTrustFile(f.trustFile);
  });
  afterAll(() => f.close());

  it(`detects every one of ${TRIALS} random single-byte flips in stored leaves, node tiles and checkpoints`, async () => {
    const db = f.region.db;
    const pristine = verifyBundle(await exportFullLog(db, f.ledger.origin), trust);
    expect(pristine.items.filter((i) => i.status === 'fail')).toEqual([]);

    type Target = { table: 'ledger_entries' | 'ledger_tiles' | 'ledger_checkpoints'; where: ReturnType<typeof sql>; bytes: Uint8Array };
    const targets: Target[][] = [
      (await db.selectFrom('ledger_entries').select(['idx', 'leaf']).execute()).map((r) => ({ table: 'ledger_entries' as const, where: sql`idx = ${r.idx}`, bytes: r.leaf })),
      (await db.selectFrom('ledger_tiles').select(['level', 'idx', 'hashes']).execute()).map((r) => ({ table: 'ledger_tiles' as const, where: sql`level = ${r.level} and idx = ${r.idx}`, bytes: r.hashes })),
      (await db.selectFrom('ledger_checkpoints').select(['size', 'note']).execute()).map((r) => ({ table: 'ledger_checkpoints' as const, where: sql`size = ${r.size}`, bytes: r.note })),
    ];
    const column = { ledger_entries: 'leaf', ledger_tiles: 'hashes', ledger_checkpoints: 'note' } as const;
    expect(targets.map((t) => t.length)).toEqual([60, expect.any(Number), 6]);

    let seed = 0x9e3779b9 ^ (dialect === 'pglite' ? 1 : 2);
    const random = (n: number) => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const write = (t: Target, bytes: Uint8Array) => sql`update ${sql.table(t.table)} set ${sql.ref(column[t.table])} = ${bytes} where ${t.where}`.execute(db);

    const detected = { ledger_entries: 0, ledger_tiles: 0, ledger_checkpoints: 0 };
    const missed: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      // Stratified so each kind of stored byte gets a third of the trials; uniform within a kind.
      const kind = targets[trial % 3]!;
      const target = kind[random(kind.length)]!;
      const position = random(target.bytes.length);
      const tampered = Uint8Array.from(target.bytes);
      tampered[position]! ^= 1 + random(255);
      await write(target, tampered);
      const verdict = verifyBundle(await exportFullLog(db, f.ledger.origin), trust);
      if (verdict.ok) missed.push(`${target.table} byte ${position}`);
      else detected[target.table]++;
      await write(target, target.bytes);
      if (trial % 100 === 99) expect(verifyBundle(await exportFullLog(db, f.ledger.origin), trust).ok).toBe(true);
    }
    expect(missed).toEqual([]);
    expect(detected.ledger_entries + detected.ledger_tiles + detected.ledger_checkpoints).toBe(TRIALS);
  });
});
