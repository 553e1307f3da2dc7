import { beforeAll, describe, expect, it } from 'vitest';
import { MeridianError } from '../errors/meridian-error.ts';
import type { CertificateAuthority } from './certificate-authority.ts';
import { createCertificateAuthority } from './create-certificate-authority.ts';
import { createRevocationList } from './create-revocation-list.ts';
import { revokeCertificate } from './revoke-certificate.ts';
import { verifyRevocationList } from './verify-revocation-list.ts';

let ca: CertificateAuthority;
let other: CertificateAuthority;
beforeAll(() => {
  ca = createCertificateAuthority({ name: 'Meridian federation CA', validDays: 30, keyBits: 2048 });
  other = createCertificateAuthority({ name: 'Other CA', validDays: 30, keyBits: 2048 });
});

const reason = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    if (error instanceof MeridianError) return `${error.code}:${String(error.evidence.reason)}`;
    throw error;
  }
  return 'accepted';
};

describe('revocation list', () => {
  it('grows by one number per revocation, stays sorted and survives a JSON round trip', () => {
    let list = createRevocationList(ca);
    list = revokeCertificate(ca, list, '7aaa', 'superseded');
    list = revokeCertificate(ca, list, '0x00401b', 'keyCompromise');
    expect(list.number).toBe(2);
    expect(list.revoked.map((r) => r.serial)).toEqual(['401B', '7AAA']);
    const received = verifyRevocationList(JSON.parse(JSON.stringify(list)), ca.certPem);
    expect(received.revoked).toEqual(list.revoked);
    expect(revokeCertificate(ca, received, '7AAA', 'superseded')).toBe(received);
  });

  it('rejects tampering with any field', () => {
    const list = revokeCertificate(ca, createRevocationList(ca), 'ABCD', 'keyCompromise');
    const json = (): Record<string, unknown> => JSON.parse(JSON.stringify(list)) as Record<string, unknown>;
    expect(reason(() => verifyRevocationList({ ...json(), revoked: [] }, ca.certPem))).toBe('UNAUTHENTICATED:bad_signature');
    expect(reason(() => verifyRevocationList({ ...json(), number: 7 }, ca.certPem))).toBe('UNAUTHENTICATED:bad_signature');
    expect(reason(() => verifyRevocationList({ ...json(), issuedAt: '2020-01-01T00:00:00.000Z' }, ca.certPem))).toBe('UNAUTHENTICATED:bad_signature');
    expect(reason(() => verifyRevocationList(json(), other.certPem))).toBe('UNAUTHENTICATED:wrong_issuer');
    expect(reason(() => verifyRevocationList({ ...json(), extra: 1 }, ca.certPem))).toBe('BAD_INPUT:malformed_revocation_list');
    expect(reason(() => verifyRevocationList({ ...json(), revoked: [{ serial: '00AB', reason: 'superseded', revokedAt: list.issuedAt }] }, ca.certPem))).toBe(
      'BAD_INPUT:malformed_revocation_list',
    );
    expect(reason(() => verifyRevocationList(null, ca.certPem))).toBe('BAD_INPUT:malformed_revocation_list');
  });

  it('rejects a list whose entries are not in canonical order', () => {
    let list = createRevocationList(ca);
    list = revokeCertificate(ca, list, 'AA', 'superseded');
    list = revokeCertificate(ca, list, 'BB', 'superseded');
    const swapped = { ...list, revoked: [...list.revoked].reverse() };
    expect(reason(() => verifyRevocationList(swapped, ca.certPem))).toBe('BAD_INPUT:malformed_revocation_list');
  });

  it('refuses to extend a list of another CA', () => {
    expect(reason(() => revokeCertificate(ca, createRevocationList(other), 'AA', 'superseded'))).toBe('BAD_INPUT:list_issuer_mismatch');
  });
});
