import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { DIALECTS, federationFixture, type FederationFixture } from './support/federation-fixture.ts';
import { requestCosignatures } from '../src/witness/request-cosignatures.ts';
import { vkey } from '../src/note/vkey.ts';
import { ledgerSalts } from '../src/ledger/ledger-salts.repository.ts';
import { decodeLeaf } from '../src/ledger/decode-leaf.ts';
import { commitPayload } from '../src/ledger/commit-payload.ts';
import { exportFullLog } from '../src/ledger/postgres/export-full-log.ts';
import { buildEvidenceBundle } from '../src/bundle/build-evidence-bundle.ts';
import { verifyBundle } from '../src/verify/verify-bundle.ts';
import { readTrustFile } from '../src/verify/read-trust-file.ts';
import { verifyInclusion } from '../src/merkle/verify-inclusion.ts';
import { hashLeaf } from '../src/merkle/hashes.ts';
import type { LedgerEntryInput } from '../src/ledger/ledger-entry-input.ts';
import { sampleEntries } from './support/sample-entries.ts';

describe.each(DIALECTS)('erasure on %s: deleting a subject’s salts unlinks their commitments and breaks no proof', (dialect) => {
  let f: FederationFixture;
  const subject = randomUUID();
  // The subject's personal data, exactly as it was committed.
  const personal = (i: number) => Buffer.from(JSON.stringify({ name: 'Amira Haddad', email: 'amira.haddad@example.com', body: `order ${i} never arrived` }));
  const theirs: LedgerEntryInput[] = Array.from({ length: 6 }, (_, i) => ({
    type: i === 0 ? 'consent' : 'interaction', region: 'eu', time: new Date(Date.UTC(2025, 2, 1, 9, i)), refId: `msg-7e2b-${i}`, subjectId: subject, payload: personal(i),
  }));
  let theirIndexes: number[] = [];

  beforeAll(async () => {
    f = await federationFixture(dialect);
    await f.region.db.transaction().execute((trx) => f.ledger.append(trx, sampleEntries(25)));
    theirIndexes = (await f.region.db.transaction().execute((trx) => f.ledger.append(trx, theirs))).map((a) => a.index);
    await f.region.db.transaction().execute((trx) => f.ledger.append(trx, sampleEntries(10, { start: 25 })));
    await requestCosignatures(f.ledger, f.witnesses, f.witnesses.map((w) => vkey.parse(w.vkey)));
  });
  afterAll(() => f.close());

  const commitments = async () => Promise.all(theirIndexes.map(async (i) => decodeLeaf((await f.ledger.entries(i, i + 1))[0]!.leaf).commitment));

  it('before erasure, the region can open each of the subject’s commitments from their data', async () => {
    for (const [k, c] of (await commitments()).entries()) {
      const salt = await ledgerSalts.find(f.region.db, c);
      expect(salt).toBeDefined();
      expect(Buffer.from(commitPayload(salt!, personal(k))).equals(c)).toBe(true);
    }
  });

  it('after erasure, no stored salt (and no salt at all) links any commitment to their data, and every proof still verifies', async () => {
    const erasureRequest = 'req-erase-9c1d';
    await f.region.db.transaction().execute(async (trx) => {
      expect(await ledgerSalts.forgetSubject(trx, subject)).toBe(theirs.length);
      // The erasure itself is recorded, about the request, not the person.
      await f.ledger.append(trx, [{ type: 'erasure', region: 'eu', time: new Date(), refId: erasureRequest, payload: Buffer.from(`erased:${theirs.length}`), meta: { saltsDeleted: theirs.length } }]);
    });
    await requestCosignatures(f.ledger, f.witnesses, f.witnesses.map((w) => vkey.parse(w.vkey)));

    expect(await ledgerSalts.countForSubject(f.region.db, subject)).toBe(0);
    const remaining = (await f.region.db.selectFrom('ledger_salts').select('salt').execute()).map((r) => r.salt);
    for (const [k, c] of (await commitments()).entries()) {
      expect(await ledgerSalts.find(f.region.db, c)).toBeUndefined();
      // An attacker holding the region's remaining salts and the subject's data cannot match the commitment.
      for (const salt of [...remaining, new Uint8Array(0), new Uint8Array(32)]) {
        for (let j = 0; j < theirs.length; j++) expect(Buffer.from(commitPayload(salt, personal(j))).equals(c), `entry ${k}`).toBe(false);
      }
    }
    // Nothing personal was ever in the log itself.
    for (const e of await f.ledger.entries(0, await f.ledger.size())) expect(Buffer.from(e.leaf).toString()).not.toMatch(/amira|haddad|order \d|example\.com/i);

    const size = await f.ledger.size();
    const root = await f.ledger.root(size);
    for (const i of theirIndexes) {
      const leaf = (await f.ledger.entries(i, i + 1))[0]!.leaf;
      verifyInclusion(i, size, hashLeaf(leaf), (await f.ledger.inclusionProof(i, size)).hashes, root);
    }
    const trust = readTrustFile(f.trustFile);
    expect(verifyBundle(await exportFullLog(f.region.db, f.ledger.origin), trust).ok).toBe(true);
    expect(verifyBundle(await buildEvidenceBundle(f.ledger, { indexes: theirIndexes }), trust).ok).toBe(true);
    expect(verifyBundle(await buildEvidenceBundle(f.ledger, { refId: erasureRequest }), trust).ok).toBe(true);
  });
});
