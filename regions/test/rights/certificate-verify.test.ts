import { describe, it, expect } from 'vitest';
import { verifyWithCli } from '../../../test/verify-with-cli.ts';
import { createWitness } from '@meridian/audit/witness/create-witness.ts';
import { requestCosignatures } from '@meridian/audit/witness/request-cosignatures.ts';
import { ingestAtomically } from '../../src/ingest/ingest-batch.ts';
import { runRightsWorker } from '../../src/rights/run-rights-worker.ts';
import { completionCertificate } from '../../src/rights/completion-certificate.ts';
import { nodeVerifierKeys } from '../../src/node/node-verifier-keys.ts';
import { testNode, record } from '../node-fixture.ts';
import { approvedRequest, memoryNotifier } from './rights-fixture.ts';


describe('certificate of completion', () => {
  it("an erasure certificate's evidence passes `meridian verify`; a doctored one fails", async () => {
    const [eu, sea] = await Promise.all([testNode('eu', 'pglite'), testNode('sea', 'pglite')]);
    try {
      const email = 'cert-subject@example.org';
      await ingestAtomically(eu, [record('eu', { subject: { externalId: 'cert-subject', email } })]);
      const requestId = await approvedRequest(eu, memoryNotifier(), { type: 'erasure', externalId: 'cert-subject', contact: { channel: 'email', value: email } });
      expect((await runRightsWorker(eu)).completed).toBe(1);
      // The region's checkpoint, cosigned by another region's witness, as in a running federation.
      const keys = { eu: nodeVerifierKeys(eu), sea: nodeVerifierKeys(sea) };
      const witness = createWitness({ db: sea.db, cosigner: sea.witnessCosigner, logs: [keys.eu.log] });
      expect((await requestCosignatures(eu.ledger, [witness], [keys.sea.witness])).failures).toEqual([]);

      const cert = await completionCertificate(eu, eu.ledger, requestId);
      expect(cert).toMatchObject({ requestId, type: 'erasure', status: 'completed' });
      expect(cert.evidence.entries.length).toBeGreaterThanOrEqual(3);
      const trust = { logs: [keys.eu.log], witnesses: [keys.sea.witness], witnessQuorum: 1 };
      const ok = verifyWithCli(cert.evidence, trust);
      expect(ok.stdout).toContain('RESULT: VERIFIED');
      expect(ok.status).toBe(0);

      const doctored = structuredClone(cert.evidence);
      doctored.entries[0]!.leaf = doctored.entries[0]!.leaf.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
      const bad = verifyWithCli(doctored, trust);
      expect(bad.status).toBe(1);
      expect(bad.stdout).toMatch(/✘/);
    } finally {
      await Promise.all([eu.close(), sea.close()]);
    }
  });
});
