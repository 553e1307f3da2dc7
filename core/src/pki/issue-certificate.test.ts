import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { MeridianError } from '../errors/meridian-error.ts';
import type { CertificateAuthority } from './certificate-authority.ts';
import { createCertificateAuthority } from './create-certificate-authority.ts';
import { createCsr } from './create-csr.ts';
import { createLedgerKeyPair } from './create-ledger-key-pair.ts';
import { encodeDer, DER_TAG } from './der.ts';
import { issueCertificate } from './issue-certificate.ts';
import { MERIDIAN_OIDS } from './meridian-oids.ts';
import { readCsr } from './read-csr.ts';
import { verifyCertificate } from './verify-certificate.ts';

let ca: CertificateAuthority;
beforeAll(() => {
  ca = createCertificateAuthority({ name: 'Test federation CA', validDays: 30, keyBits: 2048 });
});

function thrown(fn: () => unknown): MeridianError {
  try {
    fn();
  } catch (error) {
    if (error instanceof MeridianError) return error;
    throw error;
  }
  throw new Error('expected a MeridianError');
}

/** Replaces the first occurrence of `from` with `to` (same length) in a PEM's DER body. */
function patchPem(pem: string, label: string, from: Uint8Array, to: Uint8Array): string {
  const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  const at = der.indexOf(Buffer.from(from));
  expect(at).toBeGreaterThan(0);
  Buffer.from(to).copy(der, at);
  return `-----BEGIN ${label}-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`;
}

const utf8Der = (text: string): Uint8Array => encodeDer(DER_TAG.UTF8_STRING, new TextEncoder().encode(text));

describe('CSR → certificate', () => {
  it('round-trips region, role and the Ed25519 ledger key through CSR and certificate', () => {
    const ledger = createLedgerKeyPair();
    const { csrPem } = createCsr({ commonName: 'eu-node-1', region: 'eu', role: 'region', ledgerPublicKey: ledger.publicKey });
    const asked = readCsr(csrPem);
    expect(asked).toMatchObject({ commonName: 'eu-node-1', region: 'eu', role: 'region' });
    expect(Buffer.from(asked.ledgerPublicKey ?? []).equals(Buffer.from(ledger.publicKey))).toBe(true);

    const certPem = issueCertificate(ca, csrPem, { validDays: 7 });
    const identity = verifyCertificate(certPem, ca.certPem);
    expect(identity).toMatchObject({ commonName: 'eu-node-1', region: 'eu', role: 'region' });
    expect(Buffer.from(identity.ledgerPublicKey ?? []).equals(Buffer.from(ledger.publicKey))).toBe(true);
    expect(identity.serial).toMatch(/^[4-7][0-9A-F]{31}$/);
    expect(identity.notAfter.getTime() - identity.notBefore.getTime()).toBeCloseTo(7 * 86_400_000 + 5 * 60_000, -4);

    const x509 = new X509Certificate(certPem);
    expect(x509.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(x509.keyUsage).toEqual(expect.arrayContaining(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']));
    expect(x509.ca).toBe(false);
  });

  it('writes the documented OIDs that OpenSSL can read', () => {
    const ledger = createLedgerKeyPair();
    const { csrPem } = createCsr({ commonName: 'sea-node-1', region: 'sea', role: 'region', ledgerPublicKey: ledger.publicKey });
    const certPem = issueCertificate(ca, csrPem, { validDays: 1 });
    const text = spawnSync('openssl', ['x509', '-noout', '-text'], { input: certPem, encoding: 'utf8' });
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(`${MERIDIAN_OIDS.region}:`);
    expect(text.stdout).toContain(`${MERIDIAN_OIDS.role}:`);
    expect(text.stdout).toContain(`${MERIDIAN_OIDS.ledgerPublicKey}:`);
    // The same bytes the verifier checks must be what OpenSSL checks: it accepts the chain.
    const dir = mkdtempSync(join(tmpdir(), 'meridian-pki-'));
    try {
      writeFileSync(join(dir, 'ca.pem'), ca.certPem);
      const check = spawnSync('openssl', ['verify', '-CAfile', join(dir, 'ca.pem'), '-purpose', 'sslclient'], { input: certPem, encoding: 'utf8' });
      expect(check.stdout).toContain('OK');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives client roles no server names and fresh random serials', () => {
    const a = issueCertificate(ca, createCsr({ commonName: 'console', region: 'eu', role: 'console' }).csrPem, { validDays: 1 });
    const b = issueCertificate(ca, createCsr({ commonName: 'console', region: 'eu', role: 'console' }).csrPem, { validDays: 1 });
    expect(new X509Certificate(a).subjectAltName).toBeUndefined();
    expect(verifyCertificate(a, ca.certPem).ledgerPublicKey).toBeUndefined();
    expect(verifyCertificate(a, ca.certPem).serial).not.toBe(verifyCertificate(b, ca.certPem).serial);
  });

  it('refuses a CSR that asks for another region or role than the grant', () => {
    const { csrPem } = createCsr({ commonName: 'me-node', region: 'me', role: 'coordinator' });
    expect(thrown(() => issueCertificate(ca, csrPem, { validDays: 1, expect: { region: 'eu' } })).evidence).toMatchObject({
      reason: 'region_not_granted',
      requested: 'me',
      granted: 'eu',
    });
    expect(thrown(() => issueCertificate(ca, csrPem, { validDays: 1, expect: { region: 'me', role: 'region' } })).code).toBe('FORBIDDEN');
  });

  it('never issues a certificate that outlives the CA', () => {
    const { csrPem } = createCsr({ commonName: 'eu-node-1', region: 'eu', role: 'region' });
    const certPem = issueCertificate(ca, csrPem, { validDays: 3650 });
    expect(new X509Certificate(certPem).validToDate.getTime()).toBe(new X509Certificate(ca.certPem).validToDate.getTime());
  });

  it('refuses a CA key that does not match the CA certificate', () => {
    const other = createCertificateAuthority({ name: 'Other CA', validDays: 1, keyBits: 2048 });
    const { csrPem } = createCsr({ commonName: 'eu-node-1', region: 'eu', role: 'region' });
    expect(thrown(() => issueCertificate({ certPem: ca.certPem, keyPem: other.keyPem }, csrPem, { validDays: 1 })).evidence.reason).toBe('ca_key_mismatch');
  });
});

describe('CSR checks', () => {
  it('rejects a CSR whose identity was altered after signing', () => {
    const { csrPem } = createCsr({ commonName: 'eu-node-1', region: 'eu', role: 'region' });
    const forged = patchPem(csrPem, 'CERTIFICATE REQUEST', utf8Der('eu'), utf8Der('me'));
    const error = thrown(() => readCsr(forged));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.evidence.reason).toBe('bad_csr_signature');
    expect(() => issueCertificate(ca, forged, { validDays: 1 })).toThrow(MeridianError);
  });

  it('rejects garbage, truncated and trailing-byte CSRs as malformed', () => {
    expect(thrown(() => readCsr('hello')).evidence.reason).toBe('malformed_csr');
    const { csrPem } = createCsr({ commonName: 'eu-node-1', region: 'eu', role: 'region' });
    const der = Buffer.from(csrPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const wrap = (bytes: Buffer): string => `-----BEGIN CERTIFICATE REQUEST-----\n${bytes.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
    expect(thrown(() => readCsr(wrap(der.subarray(0, der.length - 10)))).evidence.reason).toBe('malformed_csr');
    expect(thrown(() => readCsr(wrap(Buffer.concat([der, Buffer.from([0])])))).evidence.reason).toBe('malformed_csr');
  });

  it('rejects weak keys, SHA-1 signatures and CSRs without a Meridian identity', () => {
    const csrWith = (bits: number, md: forge.md.MessageDigest): string => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
      const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
      const csr = forge.pki.createCertificationRequest();
      csr.publicKey = forge.pki.rsa.setPublicKey(key.n, key.e);
      csr.setSubject([{ shortName: 'CN', value: 'plain' }]);
      csr.sign(key, md);
      return forge.pki.certificationRequestToPem(csr);
    };
    expect(thrown(() => readCsr(csrWith(1024, forge.md.sha256.create()))).evidence.reason).toBe('weak_key');
    expect(thrown(() => readCsr(csrWith(2048, forge.md.sha1.create()))).evidence.reason).toBe('unsupported_algorithm');
    expect(thrown(() => readCsr(csrWith(2048, forge.md.sha256.create()))).evidence).toMatchObject({ reason: 'missing_identity', hasRegion: false });
  });

  it('validates what a node asks for before generating keys', () => {
    expect(() => createCsr({ commonName: 'x', region: 'EU', role: 'region' })).toThrow(/region id/);
    expect(() => createCsr({ commonName: 'x y', region: 'eu', role: 'region' })).toThrow(/commonName/);
    expect(() => createCsr({ commonName: 'x', region: 'eu', role: 'root' as 'region' })).toThrow(/role/);
    expect(() => createCsr({ commonName: 'x', region: 'eu', role: 'region', ledgerPublicKey: new Uint8Array(31) })).toThrow(/32-byte/);
  });
});
