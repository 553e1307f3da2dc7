import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { federationFixture, type FederationFixture } from '../../../../audit/test/support/federation-fixture.ts';
import { sampleEntries } from '../../../../audit/test/support/sample-entries.ts';
import { requestCosignatures } from '@meridian/audit/witness/request-cosignatures.ts';
import { vkey } from '@meridian/audit/note/vkey.ts';
import { buildEvidenceBundle } from '@meridian/audit/bundle/build-evidence-bundle.ts';
import type { EvidenceBundle } from '@meridian/audit/bundle/evidence-bundle.ts';

import { verifyBundle as cliVerify } from '@meridian/audit/verify/verify-bundle.ts';
import { readTrustFile } from '@meridian/audit/verify/read-trust-file.ts';

let verifyInBrowser: typeof import('./verify-in-browser.ts').verifyInBrowser;

describe('the CLI verifier, run on the browser build of node:crypto', () => {
  let f: FederationFixture;
  let bundle: EvidenceBundle;
  beforeAll(async () => {
    f = await federationFixture('pglite');
    await f.region.db.transaction().execute((trx) => f.ledger.append(trx, sampleEntries(5, { start: 0, refId: 'req-1' })));
    await requestCosignatures(f.ledger, f.witnesses, f.witnesses.map((w) => vkey.parse(w.vkey)));
    bundle = await buildEvidenceBundle(f.ledger, { refId: 'req-1' }, { about: 'request req-1' });
    // Then, what the browser build does: the verifier's modules are loaded afresh with `node:crypto` being the @noble-based module.
    vi.resetModules();
    vi.doMock('node:crypto', () => import('./node-crypto-for-browser.ts'));
    ({ verifyInBrowser } = await import('./verify-in-browser.ts'));
    vi.doUnmock('node:crypto');
  });
  afterAll(() => f?.close());

  it('verifies a genuine bundle, item for item like the CLI', () => {
    const verdict = verifyInBrowser(JSON.stringify(bundle), f.trustFile);
    expect(verdict.ok).toBe(true);
    expect(verdict.items.filter((i) => i.status === 'pass').length).toBeGreaterThan(3);
  });

  it('fails a doctored entry, a doctored checkpoint signature, and a bundle checked against the wrong keys', () => {
    const entry = structuredClone(bundle);
    const leaf = Buffer.from(entry.entries[0]!.leaf, 'base64').toString('utf8').replace('"req-1"', '"req-2"');
    entry.entries[0]!.leaf = Buffer.from(leaf).toString('base64');
    expect(verifyInBrowser(JSON.stringify(entry), f.trustFile).ok).toBe(false);

    const note = structuredClone(bundle);
    note.checkpoints[0] = note.checkpoints[0]!.replace(/\n(\d+)\n/, (_m, n: string) => `\n${Number(n) + 1}\n`);
    expect(verifyInBrowser(JSON.stringify(note), f.trustFile).ok).toBe(false);

    const trust = JSON.parse(f.trustFile) as { logs: string[] };
    trust.logs = trust.logs.map((k) => k.replace('meridian.test/ledger/eu', 'meridian.test/ledger/xx'));
    expect(verifyInBrowser(JSON.stringify(bundle), JSON.stringify(trust)).ok).toBe(false);
  });

  it('explains unreadable input instead of throwing', () => {
    expect(verifyInBrowser('{not json', f.trustFile)).toMatchObject({ ok: false, items: [{ status: 'fail', check: 'The file is JSON' }] });
    expect(verifyInBrowser(JSON.stringify(bundle), '{}')).toMatchObject({ ok: false, items: [{ status: 'fail' }] });
  });

  it('agrees with the CLI verifier (on node:crypto) item for item', () => {
    const tampered = structuredClone(bundle);
    tampered.entries[1]!.proof = tampered.entries[1]!.proof.replace(/\n([A-Za-z0-9+/]{4})/, '\nAAAA');
    for (const b of [bundle, tampered]) {
      expect(verifyInBrowser(JSON.stringify(b), f.trustFile)).toEqual(cliVerify(b, readTrustFile(f.trustFile)));
    }
  });

  it('really runs on the browser crypto module (a broken Ed25519 there fails the verdict)', async () => {
    vi.resetModules();
    vi.doMock('node:crypto', async () => ({ ...(await import('./node-crypto-for-browser.ts')), verify: () => false }));
    const broken = (await import('./verify-in-browser.ts')).verifyInBrowser;
    vi.doUnmock('node:crypto');
    expect(broken(JSON.stringify(bundle), f.trustFile).ok).toBe(false);
  });
});
