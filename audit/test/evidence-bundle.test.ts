import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIALECTS, federationFixture, type FederationFixture } from './support/federation-fixture.ts';
import { requestCosignatures } from '../src/witness/request-cosignatures.ts';
import { vkey } from '../src/note/vkey.ts';
import { buildEvidenceBundle } from '../src/bundle/build-evidence-bundle.ts';
import type { EvidenceBundle } from '../src/bundle/evidence-bundle.ts';
import { verifyBundle } from '../src/verify/verify-bundle.ts';
import { formatVerdict } from '../src/verify/format-verdict.ts';
import { readTrustFile } from '../src/verify/read-trust-file.ts';
import { verifyCommand } from '../src/cli/verify-command.ts';
import { parseTlogProof } from '../src/proof/parse-tlog-proof.ts';
import { formatTlogProof } from '../src/proof/format-tlog-proof.ts';
import { exportFullLog } from '../src/ledger/postgres/export-full-log.ts';
import { formatTrustFile } from '../src/trust/format-trust-file.ts';
import { sampleEntries } from './support/sample-entries.ts';

const REQUEST = 'req-7f3a';

describe.each(DIALECTS)('evidence bundles and `meridian verify` on %s', (dialect) => {
  let f: FederationFixture;
  let bundle: EvidenceBundle;
  let dir: string;
  const keys = () => f.witnesses.map((w) => vkey.parse(w.vkey));
  const append = (entries: ReturnType<typeof sampleEntries>) => f.region.db.transaction().execute((trx) => f.ledger.append(trx, entries));
  const mutate = (change: (b: EvidenceBundle) => void): EvidenceBundle => {
    const copy = structuredClone(bundle);
    change(copy);
    return copy;
  };

  beforeAll(async () => {
    f = await federationFixture(dialect);
    dir = mkdtempSync(join(tmpdir(), 'meridian-bundle-'));
    await append(sampleEntries(20, { start: 0 }));
    await append(sampleEntries(1, { start: 20, refId: REQUEST }));
    await requestCosignatures(f.ledger, f.witnesses, keys());
    await append(sampleEntries(30, { start: 21 }));
    await append(sampleEntries(2, { start: 51, refId: REQUEST }));
    await append(sampleEntries(9, { start: 53 }));
    await requestCosignatures(f.ledger, f.witnesses, keys());
    bundle = await buildEvidenceBundle(f.ledger, { refId: REQUEST }, { about: `everything recorded about rights request ${REQUEST}` });
  });
  afterAll(async () => {
    await f.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds the entries with tlog-proofs, two cosigned checkpoints and the consistency proof between them', () => {
    expect(bundle.entries.map((e) => e.index)).toEqual([20, 51, 52]);
    expect(bundle.checkpoints.length).toBe(2);
    expect(bundle.consistency).toEqual([expect.objectContaining({ from: 21, to: 62 })]);
    const proof = parseTlogProof(bundle.entries[0]!.proof);
    expect(proof.index).toBe(20);
    expect(formatTlogProof(proof)).toBe(bundle.entries[0]!.proof);
    expect(bundle.entries[0]!.proof.startsWith('c2sp.org/tlog-proof@v1\nindex 20\n')).toBe(true);
  });

  it('verifies, and says so in words', () => {
    const verdict = verifyBundle(bundle, readTrustFile(f.trustFile));
    const report = formatVerdict(verdict);
    expect(verdict.items.filter((i) => i.status === 'fail')).toEqual([]);
    expect(verdict.ok).toBe(true);
    expect(report).toContain('RESULT: VERIFIED');
    expect(report).toContain(`✔ Entry 51 (`);
    expect(report).toContain('✔ The log only grew between 21 and 62 entries');
    expect(report).toContain('countersigned by at least 2 independent witness(es)');
  });

  const failures: [string, (b: EvidenceBundle) => void, RegExp][] = [
    ['a changed entry', (b) => { b.entries[1]!.leaf = Buffer.from(Buffer.from(b.entries[1]!.leaf, 'base64').toString().replace('"seq":51', '"seq":50')).toString('base64'); }, /Entry 51.*\n.*FAILED: the proof leads to fingerprint/],
    ['an entry about another request', (b) => { b.entries[0]!.leaf = b.entries[1]!.leaf; }, /FAILED/],
    ['a flipped proof hash', (b) => { b.entries[2]!.proof = b.entries[2]!.proof.replace(/\nindex 52\n(.)/, (_m, c: string) => `\nindex 52\n${c === 'A' ? 'B' : 'A'}`); }, /✘ Entry 52/],
    ['a proof for another index', (b) => { b.entries[0]!.index = 21; }, /its proof is for entry 20/],
    ['a missing consistency proof', (b) => { b.consistency = []; }, /no consistency proof for this step/],
    ['a wrong consistency proof', (b) => { b.consistency[0]!.hashes.reverse(); }, /✘ The log only grew/],
    ['swapped checkpoints', (b) => { b.checkpoints.reverse(); }, /out of order/],
    ['a stripped witness cosignature', (b) => { b.checkpoints[1] = b.checkpoints[1]!.split('\n').filter((l) => !l.includes('witness/me')).join('\n'); }, /only 1 valid countersignature/],
    ['an altered checkpoint size', (b) => { b.checkpoints[1] = b.checkpoints[1]!.replace('\n62\n', '\n63\n'); }, /✘ Checkpoint of 63 entries is signed by the log/],
    ['not a bundle at all', (b) => { (b as unknown as Record<string, unknown>).format = 'zip'; }, /The file is a Meridian evidence bundle/],
  ];
  it.each(failures)('fails on %s, saying what', (_name, change, message) => {
    const verdict = verifyBundle(mutate(change), readTrustFile(f.trustFile));
    expect(verdict.ok).toBe(false);
    expect(formatVerdict(verdict)).toMatch(message);
    expect(formatVerdict(verdict)).toContain('RESULT: FAILED');
  });

  it('fails without trusted keys, or with keys of another log', () => {
    expect(formatVerdict(verifyBundle(bundle, undefined))).toMatch(/✘ Trusted public keys were provided/);
    const other = readTrustFile(f.trustFile);
    other.logs[0]!.name = 'meridian.test/ledger/sea';
    expect(verifyBundle(bundle, other).ok).toBe(false);
  });

  it('verifies a full export of the region database', async () => {
    const full = await exportFullLog(f.region.db, f.ledger.origin);
    const verdict = verifyBundle(full, readTrustFile(f.trustFile));
    expect(verdict.items.filter((i) => i.status === 'fail')).toEqual([]);
    expect(formatVerdict(verdict)).toContain('✔ All');
  });

  it('`meridian verify` exits 0 on a good bundle, 1 on a bad one, 2 on unreadable input', async () => {
    const run = async (...args: string[]) => {
      const io = { out: '', err: '', code: -1 };
      await verifyCommand({ out: (t) => (io.out += t), err: (t) => (io.err += t), exit: (c) => (io.code = c) }).parseAsync(args, { from: 'user' });
      return io;
    };
    const good = join(dir, 'good.json');
    const bad = join(dir, 'bad.json');
    const trust = join(dir, 'trust.json');
    writeFileSync(good, JSON.stringify(bundle));
    writeFileSync(bad, JSON.stringify(mutate((b) => b.consistency.pop())));
    writeFileSync(trust, f.trustFile);
    expect(await run(good, '--trust', trust)).toMatchObject({ code: 0, out: expect.stringContaining('RESULT: VERIFIED') });
    expect(await run(bad, '--trust', trust)).toMatchObject({ code: 1, out: expect.stringContaining('RESULT: FAILED') });
    expect(await run(good)).toMatchObject({ code: 1 });
    expect(await run(join(dir, 'missing.json'), '--trust', trust)).toMatchObject({ code: 2, err: expect.stringContaining('Cannot read the evidence bundle') });
    expect(JSON.parse((await run(good, '--trust', trust, '--json')).out)).toMatchObject({ ok: true });
  });

  it('writes trust files the verifier reads', () => {
    const policy = readTrustFile(formatTrustFile({ logs: [vkey.parse(f.logVkey)], witnesses: keys(), witnessQuorum: 1 }));
    expect(policy.witnessQuorum).toBe(1);
    expect(policy.logs[0]!.name).toBe(f.ledger.origin);
    expect(() => readTrustFile('{"format":"meridian-trust/v1","logs":[],"witnesses":[],"witnessQuorum":0}')).toThrow(/malformed/);
  });
});
