import { describe, expect, it } from 'vitest';
import { createCertificateAuthority } from '@meridian/core/pki/create-certificate-authority.ts';
import { createCsr } from '@meridian/core/pki/create-csr.ts';
import { issueCertificate } from '@meridian/core/pki/issue-certificate.ts';
import { createLedgerKeyPair } from '@meridian/core/pki/create-ledger-key-pair.ts';
import { keyringFromCertificates } from '../src/trust/keyring-from-certificates.ts';
import { formatTrustFile } from '../src/trust/format-trust-file.ts';
import { readTrustFile } from '../src/verify/read-trust-file.ts';
import { ed25519NoteSigner } from '../src/note/ed25519-note-signer.ts';
import { ed25519Cosigner } from '../src/cosignature/ed25519-cosigner.ts';
import { signCheckpoint } from '../src/checkpoint/sign-checkpoint.ts';
import { cosignCheckpoint } from '../src/cosignature/cosign-checkpoint.ts';
import { parseNote } from '../src/note/parse-note.ts';
import { verifyBundle } from '../src/verify/verify-bundle.ts';
import { hashLeaf } from '../src/merkle/hashes.ts';
import { formatTlogProof } from '../src/proof/format-tlog-proof.ts';

describe('trust from the federation CA: the region certificate binds the checkpoint key', () => {
  const ca = createCertificateAuthority({ name: 'Meridian test CA', validDays: 30, keyBits: 2048 });
  const issue = (region: string, role: 'region' | 'witness', ledgerPublicKey: Uint8Array) =>
    issueCertificate(ca, createCsr({ commonName: `${region}-${role}`, region, role, ledgerPublicKey }).csrPem, { validDays: 10 });
  const euKey = createLedgerKeyPair();
  const seaWitnessKey = createLedgerKeyPair();
  const origin = 'meridian.test/ledger/eu';
  const witnessName = 'meridian.test/witness/sea';

  it('builds a keyring whose trust file verifies checkpoints signed with the certified keys', () => {
    const keyring = keyringFromCertificates({
      caPem: ca.certPem,
      logs: [{ origin, region: 'eu', certificate: issue('eu', 'region', euKey.publicKey) }],
      witnesses: [{ name: witnessName, certificate: issue('sea', 'witness', seaWitnessKey.publicKey) }],
      witnessQuorum: 1,
    });
    const trust = readTrustFile(formatTrustFile(keyring));
    // A one-entry log, signed with the certified key and cosigned by the certified witness.
    const leaf = Buffer.from('{"commitment":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=","meta":{},"refId":"r1","region":"eu","time":"2025-01-01T00:00:00.000Z","type":"consent","v":1}');
    const signed = signCheckpoint({ origin, size: 1, rootHash: hashLeaf(leaf), extensions: [] }, ed25519NoteSigner(origin, euKey.privateKey));
    const note = `${signed.note}${cosignCheckpoint(parseNote(signed.note).text, ed25519Cosigner(witnessName, seaWitnessKey.privateKey), 1_700_000_000)}\n`;
    const bundle = {
      format: 'meridian-evidence-bundle/v1', origin, about: 'r1', query: { refId: 'r1' }, createdAt: new Date().toISOString(),
      checkpoints: [note], consistency: [], entries: [{ index: 0, leaf: leaf.toString('base64'), proof: formatTlogProof({ index: 0, hashes: [], checkpointNote: note }) }],
    };
    expect(verifyBundle(bundle, trust).ok).toBe(true);
    // The same bundle signed by an uncertified key fails.
    const rogue = signCheckpoint(signed.checkpoint, ed25519NoteSigner(origin, createLedgerKeyPair().privateKey));
    expect(verifyBundle({ ...bundle, checkpoints: [rogue.note] }, trust).ok).toBe(false);
  });

  it('refuses a certificate for another region, or a region certificate posing as a witness', () => {
    const euCert = issue('eu', 'region', euKey.publicKey);
    expect(() => keyringFromCertificates({ caPem: ca.certPem, logs: [{ origin, region: 'sea', certificate: euCert }], witnesses: [], witnessQuorum: 0 })).toThrow();
    expect(() => keyringFromCertificates({ caPem: ca.certPem, logs: [], witnesses: [{ name: witnessName, certificate: euCert }], witnessQuorum: 0 })).toThrow();
  });
});
