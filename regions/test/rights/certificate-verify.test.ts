import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createWitness } from '@meridian/audit/witness/create-witness.ts';
import { requestCosignatures } from '@meridian/audit/witness/request-cosignatures.ts';
import { formatTrustFile } from '@meridian/audit/trust/format-trust-file.ts';
import { ingestAtomically } from '../../src/ingest/ingest-batch.ts';
import { runRightsWorker } from '../../src/rights/run-rights-worker.ts';
import { completionCertificate } from '../../src/rights/completion-certificate.ts';
import { nodeVerifierKeys } from '../../src/node/node-verifier-keys.ts';
import { testNode, record } from '../node-fixture.ts';
import { approvedRequest, memoryNotifier } from './rights-fixture.ts';

const CLI = join(import.meta.dirname, '../../../infra/src/cli/meridian.ts');

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
      const dir = mkdtempSync(join(tmpdir(), 'cert-'));
      writeFileSync(join(dir, 'trust.json'), formatTrustFile({ logs: [keys.eu.log], witnesses: [keys.sea.witness], witnessQuorum: 1 }));
      writeFileSync(join(dir, 'bundle.json'), JSON.stringify(cert.evidence));
      const ok = spawnSync(process.execPath, [CLI, 'verify', join(dir, 'bundle.json'), '--trust', join(dir, 'trust.json')], { encoding: 'utf8' });
      expect(ok.stdout).toContain('RESULT: VERIFIED');
      expect(ok.status).toBe(0);

      const doctored = structuredClone(cert.evidence);
      doctored.entries[0]!.leaf = doctored.entries[0]!.leaf.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
      writeFileSync(join(dir, 'doctored.json'), JSON.stringify(doctored));
      const bad = spawnSync(process.execPath, [CLI, 'verify', join(dir, 'doctored.json'), '--trust', join(dir, 'trust.json')], { encoding: 'utf8' });
      expect(bad.status).toBe(1);
      expect(bad.stdout).toMatch(/✘/);
    } finally {
      await Promise.all([eu.close(), sea.close()]);
    }
  });
});
