import { beforeAll, describe, expect, it } from 'vitest';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import {
  createCertificateAuthority,
  createCsr,
  createLedgerKeyPair,
  createRevocationList,
  revokeCertificate,
  verifyCertificate,
  type CertificateAuthority,
  type VerifiedRevocationList,
} from '@meridian/core/pki/index.ts';
import { createEnrollmentService } from './create-enrollment-service.ts';
import { createEnrollmentTokenStore } from './enrollment-token-store.ts';

let ca: CertificateAuthority;
beforeAll(() => {
  ca = createCertificateAuthority({ name: 'Meridian federation CA', validDays: 30, keyBits: 2048 });
});

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    if (error instanceof MeridianError) return `${error.code}:${String(error.evidence.reason)}`;
    throw error;
  }
}

function setup(clock = { t: Date.now() }) {
  const tokens = createEnrollmentTokenStore({ now: () => clock.t });
  let crl: VerifiedRevocationList = createRevocationList(ca);
  const service = createEnrollmentService({
    ca,
    allowedRegions: ['eu', 'sea', 'me'],
    validDays: 30,
    consumeToken: tokens.consume,
    revoke: (serial, reason) => {
      crl = revokeCertificate(ca, crl, serial, reason);
    },
    now: () => new Date(clock.t),
  });
  return { tokens, service, clock, crl: () => crl };
}

describe('enrollment by CSR', () => {
  it('issues a certificate carrying the granted region and the node ledger key, once per token', async () => {
    const { tokens, service } = setup();
    const token = tokens.issue({ region: 'sea', role: 'region' }, 60_000);
    const ledger = createLedgerKeyPair();
    const { csrPem } = createCsr({ commonName: 'sea-node-1', region: 'sea', role: 'region', ledgerPublicKey: ledger.publicKey });
    const result = await service.enroll({ csrPem, token });
    const identity = verifyCertificate(result.certPem, result.caPem);
    expect(identity).toMatchObject({ region: 'sea', role: 'region', serial: result.serial });
    expect(Buffer.from(identity.ledgerPublicKey ?? []).equals(Buffer.from(ledger.publicKey))).toBe(true);
    expect(await refusal(service.enroll({ csrPem, token }))).toBe('UNAUTHENTICATED:invalid_enrollment_token');
  });

  it('refuses a CSR for another region or role than the token grants, and spends the token', async () => {
    const { tokens, service } = setup();
    const token = tokens.issue({ region: 'sea', role: 'region' }, 60_000);
    const eu = createCsr({ commonName: 'eu-node-1', region: 'eu', role: 'region' });
    expect(await refusal(service.enroll({ csrPem: eu.csrPem, token }))).toBe('FORBIDDEN:region_not_granted');
    const sea = createCsr({ commonName: 'sea-node-1', region: 'sea', role: 'region' });
    expect(await refusal(service.enroll({ csrPem: sea.csrPem, token }))).toBe('UNAUTHENTICATED:invalid_enrollment_token');
    const coordinatorToken = tokens.issue({ region: 'sea', role: 'region' }, 60_000);
    const asCoordinator = createCsr({ commonName: 'sea-coord', region: 'sea', role: 'coordinator' });
    expect(await refusal(service.enroll({ csrPem: asCoordinator.csrPem, token: coordinatorToken }))).toBe('FORBIDDEN:role_not_granted');
  });

  it('refuses unknown and expired tokens, regions outside the federation, and keeps the token on a malformed CSR', async () => {
    const { tokens, service, clock } = setup();
    const csr = createCsr({ commonName: 'eu-node-1', region: 'eu', role: 'region' });
    expect(await refusal(service.enroll({ csrPem: csr.csrPem, token: 'guess' }))).toBe('UNAUTHENTICATED:invalid_enrollment_token');
    const expiring = tokens.issue({ region: 'eu', role: 'region' }, 1_000);
    clock.t += 2_000;
    expect(await refusal(service.enroll({ csrPem: csr.csrPem, token: expiring }))).toBe('UNAUTHENTICATED:invalid_enrollment_token');
    const outsider = tokens.issue({ region: 'us', role: 'region' }, 60_000);
    const us = createCsr({ commonName: 'us-node-1', region: 'us', role: 'region' });
    expect(await refusal(service.enroll({ csrPem: us.csrPem, token: outsider }))).toBe('FORBIDDEN:region_not_allowed');
    const kept = tokens.issue({ region: 'eu', role: 'region' }, 60_000);
    expect(await refusal(service.enroll({ csrPem: 'garbage', token: kept }))).toBe('BAD_INPUT:malformed_csr');
    expect(await refusal(service.enroll({ csrPem: csr.csrPem, token: kept }))).toBe('accepted');
  });

  it('rotates: same region and role, new serial, old serial revoked as superseded', async () => {
    const { tokens, service, crl } = setup();
    const first = await service.enroll({
      csrPem: createCsr({ commonName: 'me-node-1', region: 'me', role: 'region' }).csrPem,
      token: tokens.issue({ region: 'me', role: 'region' }, 60_000),
    });
    const peer = verifyCertificate(first.certPem, ca.certPem);
    const second = await service.rotate({ csrPem: createCsr({ commonName: 'me-node-1', region: 'me', role: 'region' }).csrPem, peer });
    expect(second.serial).not.toBe(first.serial);
    expect(crl().revoked).toEqual([expect.objectContaining({ serial: first.serial, reason: 'superseded' })]);
    expect(() => verifyCertificate(first.certPem, ca.certPem, { revocation: crl() })).toThrow(/revoked/);
    expect(verifyCertificate(second.certPem, ca.certPem, { revocation: crl() }).region).toBe('me');
    const other = createCsr({ commonName: 'me-node-1', region: 'eu', role: 'region' });
    expect(await refusal(service.rotate({ csrPem: other.csrPem, peer }))).toBe('FORBIDDEN:region_not_granted');
  });
});
