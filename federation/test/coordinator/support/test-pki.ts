import {
  createCertificateAuthority,
  createCsr,
  createRevocationList,
  issueCertificate,
  revokeCertificate,
  verifyCertificate,
  type CertificateAuthority,
  type NodeRole,
} from '@meridian/core/pki/index.ts';
import { createRevocationStore, type RevocationStore } from '../../../src/transport/revocation-store.ts';

/** A node's TLS identity. */
export interface NodeIdentity {
  key: string;
  cert: string;
  region: string;
  serial: string;
}

export interface TestPki {
  ca: CertificateAuthority;
  revocation: RevocationStore;
  coordinator: NodeIdentity;
  regions: Record<string, NodeIdentity>;
  enroll(region: string, role: NodeRole, authority?: CertificateAuthority): NodeIdentity;
  revoke(serial: string): void;
}

/** A federation CA with a coordinator certificate and one region certificate per region (2048-bit keys: fast). */
export function createTestPki(regions: readonly string[] = ['eu', 'me', 'sea']): TestPki {
  const ca = createCertificateAuthority({ name: 'Meridian test federation CA', validDays: 30, keyBits: 2048 });
  const revocation = createRevocationStore(ca.certPem, createRevocationList(ca));
  const enroll = (region: string, role: NodeRole, authority: CertificateAuthority = ca): NodeIdentity => {
    const { csrPem, keyPem } = createCsr({ commonName: `${region}-${role}`, region, role });
    const cert = issueCertificate(authority, csrPem, { validDays: 7 });
    return { key: keyPem, cert, region, serial: verifyCertificate(cert, authority.certPem).serial };
  };
  return {
    ca,
    revocation,
    coordinator: enroll('eu', 'coordinator'),
    regions: Object.fromEntries(regions.map((r) => [r, enroll(r, 'region')])),
    enroll,
    revoke: (serial) => revocation.update(revokeCertificate(ca, revocation.current(), serial, 'keyCompromise')),
  };
}
