import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { MeridianError } from '../errors/meridian-error.ts';
import type { CertificateAuthority } from './certificate-authority.ts';
import { createCertificateAuthority } from './create-certificate-authority.ts';
import { createCsr } from './create-csr.ts';
import { createRevocationList } from './create-revocation-list.ts';
import { encodeDer, DER_TAG } from './der.ts';
import { issueCertificate } from './issue-certificate.ts';
import { revokeCertificate } from './revoke-certificate.ts';
import { verifyCertificate } from './verify-certificate.ts';

const DAY = 86_400_000;
let ca: CertificateAuthority;
let impostor: CertificateAuthority;
let euCert: string;

beforeAll(() => {
  // Backdated so that certificates issued in the past are inside the CA's own validity.
  ca = createCertificateAuthority({ name: 'Meridian federation CA', validDays: 40, keyBits: 2048, now: new Date(Date.now() - 10 * DAY) });
  // Same subject name as the real CA: only the key tells them apart.
  impostor = createCertificateAuthority({ name: 'Meridian federation CA', validDays: 30, keyBits: 2048 });
  euCert = issueCertificate(ca, createCsr({ commonName: 'eu-node-1', region: 'eu', role: 'region' }).csrPem, { validDays: 7 });
});

function refusal(fn: () => unknown): MeridianError {
  try {
    fn();
  } catch (error) {
    if (error instanceof MeridianError) return error;
    throw error;
  }
  throw new Error('expected the certificate to be refused');
}

describe('verifyCertificate', () => {
  it('accepts a certificate of the federation CA, given as PEM, DER or X509Certificate', () => {
    const x509 = new X509Certificate(euCert);
    for (const form of [euCert, new Uint8Array(x509.raw), x509]) {
      expect(verifyCertificate(form, ca.certPem)).toMatchObject({ region: 'eu', role: 'region', commonName: 'eu-node-1' });
    }
  });

  it('refuses a certificate from another CA, even one with the same name', () => {
    const foreign = issueCertificate(impostor, createCsr({ commonName: 'eu-node-1', region: 'eu', role: 'region' }).csrPem, { validDays: 7 });
    const error = refusal(() => verifyCertificate(foreign, ca.certPem));
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(['wrong_issuer', 'bad_signature']).toContain(error.evidence.reason);
  });

  it('refuses a tampered certificate', () => {
    const der = Buffer.from(new X509Certificate(euCert).raw);
    const region = Buffer.from(encodeDer(DER_TAG.UTF8_STRING, new TextEncoder().encode('eu')));
    const at = der.indexOf(region);
    expect(at).toBeGreaterThan(0);
    der[at + 3] = 'v'.charCodeAt(0); // eu → ev
    const error = refusal(() => verifyCertificate(new Uint8Array(der), ca.certPem));
    expect(error.evidence).toMatchObject({ reason: 'bad_signature' });
    der[der.length - 1] = (der[der.length - 1] ?? 0) ^ 1; // and a signature bit
    expect(refusal(() => verifyCertificate(new Uint8Array(der), ca.certPem)).code).toBe('UNAUTHENTICATED');
    expect(refusal(() => verifyCertificate(new Uint8Array(der.subarray(0, 100)), ca.certPem)).evidence.reason).toBe('malformed_certificate');
  });

  it('refuses expired and not-yet-valid certificates', () => {
    const csr = createCsr({ commonName: 'eu-node-1', region: 'eu', role: 'region' }).csrPem;
    const old = issueCertificate(ca, csr, { validDays: 1, now: new Date(Date.now() - 3 * DAY) });
    expect(refusal(() => verifyCertificate(old, ca.certPem)).evidence).toMatchObject({ reason: 'expired' });
    expect(verifyCertificate(old, ca.certPem, { now: new Date(Date.now() - 2.5 * DAY) }).region).toBe('eu');
    expect(refusal(() => verifyCertificate(euCert, ca.certPem, { now: new Date(Date.now() - DAY) })).evidence.reason).toBe('not_yet_valid');
  });

  it('refuses a revoked certificate and names the revocation', () => {
    const serial = verifyCertificate(euCert, ca.certPem).serial;
    const list = revokeCertificate(ca, createRevocationList(ca), serial, 'keyCompromise');
    const error = refusal(() => verifyCertificate(euCert, ca.certPem, { revocation: list }));
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.evidence).toMatchObject({ reason: 'revoked', revocationReason: 'keyCompromise', serial, listNumber: 1 });
    expect(() => verifyCertificate(euCert, ca.certPem, { revocation: createRevocationList(impostor) })).toThrow(/another CA/);
  });

  it('refuses a region or role other than the claimed one with FORBIDDEN', () => {
    const mismatch = refusal(() => verifyCertificate(euCert, ca.certPem, { region: 'sea' }));
    expect(mismatch.code).toBe('FORBIDDEN');
    expect(mismatch.evidence).toMatchObject({ reason: 'region_mismatch', region: 'eu', claimedRegion: 'sea' });
    expect(refusal(() => verifyCertificate(euCert, ca.certPem, { roles: ['coordinator'] })).evidence.reason).toBe('role_not_allowed');
  });

  it('refuses the CA certificate itself as a peer and a non-CA trust anchor', () => {
    expect(refusal(() => verifyCertificate(ca.certPem, ca.certPem)).evidence.reason).toBe('ca_certificate');
    expect(() => verifyCertificate(euCert, euCert)).toThrow(/not a CA/);
  });
});

describe('verifyCertificate for past signatures (signedAt)', () => {
  it('keeps a rotated key valid for what it signed before the rotation, but not a compromised one', () => {
    const node = issueCertificate(ca, createCsr({ commonName: 'sea-node-1', region: 'sea', role: 'region' }).csrPem, {
      validDays: 7,
      now: new Date(Date.now() - 3 * DAY),
    });
    const serial = verifyCertificate(node, ca.certPem).serial;
    const signedAt = new Date(Date.now() - 2 * DAY);
    const superseded = revokeCertificate(ca, createRevocationList(ca), serial, 'superseded');
    expect(verifyCertificate(node, ca.certPem, { revocation: superseded, signedAt }).region).toBe('sea');
    expect(refusal(() => verifyCertificate(node, ca.certPem, { revocation: superseded, signedAt: new Date(Date.now() + 1000) })).evidence.reason).toBe(
      'revoked',
    );
    expect(refusal(() => verifyCertificate(node, ca.certPem, { revocation: superseded })).evidence.reason).toBe('revoked');
    const compromised = revokeCertificate(ca, createRevocationList(ca), serial, 'keyCompromise');
    expect(refusal(() => verifyCertificate(node, ca.certPem, { revocation: compromised, signedAt })).evidence.reason).toBe('revoked');
    // Validity is judged at signedAt: a signature from before the certificate existed is refused.
    expect(refusal(() => verifyCertificate(node, ca.certPem, { signedAt: new Date(Date.now() - 4 * DAY) })).evidence.reason).toBe('not_yet_valid');
  });
});
