import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { createWitness } from '@meridian/audit/witness/create-witness.ts';
import { requestCosignatures } from '@meridian/audit/witness/request-cosignatures.ts';
import { buildEvidenceBundle } from '@meridian/audit/bundle/build-evidence-bundle.ts';
import { verifyBundle } from '@meridian/audit/verify/verify-bundle.ts';
import { readTrustFile } from '@meridian/audit/verify/read-trust-file.ts';
import { formatTrustFile } from '@meridian/audit/trust/format-trust-file.ts';
import { decodeLeaf } from '@meridian/audit/ledger/decode-leaf.ts';
import { ingestAtomically } from '../src/ingest/ingest-batch.ts';
import { changeConsent } from '../src/consent/change-consent.ts';
import { nodeVerifierKeys } from '../src/node/node-verifier-keys.ts';
import { testNode, record } from './node-fixture.ts';

describe.each(DIALECTS)('the region node proves its events on its ledger (%s)', (dialect) => {
  let eu: Awaited<ReturnType<typeof testNode>>;
  let sea: Awaited<ReturnType<typeof testNode>>;
  beforeAll(async () => {
    [eu, sea] = await Promise.all([testNode('eu', dialect), testNode('sea', dialect)]);
  });
  afterAll(async () => Promise.all([eu?.close(), sea?.close()]));

  it('appends one leaf per stored message and consent change, in the same transaction; a refused batch appends nothing', async () => {
    const before = await eu.ledger.size();
    const results = await ingestAtomically(eu, [
      record('eu', { subject: { externalId: 'ledger-1', email: 'ledger.one@example.org' }, consents: [{ purpose: 'model_training', granted: true }] }),
      record('eu', { subject: { externalId: 'ledger-2' } }),
    ]);
    await changeConsent(eu, { externalId: 'ledger-1', purpose: 'model_training', granted: false, source: 'test' });
    const entries = await eu.ledger.entries(before, await eu.ledger.size());
    const leaves = entries.map((e) => decodeLeaf(e.leaf));
    expect(leaves.map((l) => l.type)).toEqual(['interaction', 'interaction', 'consent', 'consent']);
    expect(leaves.slice(0, 2).map((l) => l.refId)).toEqual(results.map((r) => r.messageId));
    expect(leaves.every((l) => l.region === 'eu')).toBe(true);
    const text = Buffer.concat(entries.map((e) => Buffer.from(e.leaf))).toString('latin1');
    expect(text).not.toContain('ledger.one@example.org');
    expect(text).not.toContain(results[0]!.subjectId);

    const size = await eu.ledger.size();
    await expect(ingestAtomically(eu, [record('eu'), record('sea')])).rejects.toMatchObject({ code: 'RESIDENCY_VIOLATION' });
    expect(await eu.ledger.size()).toBe(size);
    // A replayed message is not proven twice either.
    const again = record('eu', { subject: { externalId: 'ledger-3' } });
    await ingestAtomically(eu, [again]);
    await ingestAtomically(eu, [again]);
    expect(await eu.ledger.size()).toBe(size + 1);
  });

  it("another region witnesses the log, and a message's evidence bundle verifies offline against the published keys", async () => {
    const euKeys = nodeVerifierKeys(eu);
    const seaKeys = nodeVerifierKeys(sea);
    const witness = createWitness({ db: sea.db, cosigner: sea.witnessCosigner, logs: [euKeys.log] });
    const [r] = await ingestAtomically(eu, [record('eu', { subject: { externalId: 'ledger-bundle' } })]);
    const { results, failures } = await requestCosignatures(eu.ledger, [witness], [seaKeys.witness]);
    expect(failures).toEqual([]);
    expect(results.length).toBe(1);
    const bundle = await buildEvidenceBundle(eu.ledger, { refId: r!.messageId }, { about: 'one message' });
    const trust = readTrustFile(formatTrustFile({ logs: [euKeys.log], witnesses: [seaKeys.witness], witnessQuorum: 1 }));
    const verdict = verifyBundle(bundle, trust);
    expect(verdict.ok).toBe(true);
    // The same bundle against another region's key fails.
    const wrong = readTrustFile(formatTrustFile({ logs: [{ ...seaKeys.log, name: euKeys.log.name }], witnesses: [seaKeys.witness], witnessQuorum: 1 }));
    expect(verifyBundle(bundle, wrong).ok).toBe(false);
  });
});
