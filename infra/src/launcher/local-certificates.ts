import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCertificateAuthority, createCsr, issueCertificate, verifyCertificate, type CertificateAuthority, type NodeRole } from '@meridian/core/pki/index.ts';

export interface NodeCertificate {
  keyPem: string;
  certPem: string;
}

/**
 * The launcher's local federation CA: created once in `<dataDir>/ca/`, reused by
 * later launches so nodes keep their identities. A real deployment enrolls nodes
 * by CSR against the federation CA instead (see federation/src/enrollment).
 */
export function localCertificateAuthority(dataDir: string): CertificateAuthority {
  const dir = join(dataDir, 'ca');
  const file = join(dir, 'ca.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as CertificateAuthority;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ca = createCertificateAuthority({ name: 'Meridian local federation CA', validDays: 3650 });
  writeFileSync(file, JSON.stringify(ca), { mode: 0o600 });
  writeFileSync(join(dir, 'ca.pem'), ca.certPem);
  return ca;
}

const sameKey = (a: Uint8Array | undefined, b: Uint8Array | undefined) => (!a && !b) || (!!a && !!b && Buffer.from(a).equals(Buffer.from(b)));

/**
 * A certificate for a local service, issued by the local CA, with loopback names
 * and, when given, the Ed25519 ledger (or witness) public key it vouches for.
 * Reused across launches while it still binds the same key.
 */
export function issueLocalCertificate(ca: CertificateAuthority, dataDir: string, name: string, region: string, role: NodeRole, ledgerPublicKey?: Uint8Array): NodeCertificate {
  const dir = join(dataDir, 'certs');
  const file = join(dir, `${name}.json`);
  if (existsSync(file)) {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as NodeCertificate;
    if (sameKey(verifyCertificate(cached.certPem, ca.certPem).ledgerPublicKey, ledgerPublicKey)) return cached;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const csr = createCsr({ commonName: name, region, role, ledgerPublicKey });
  const cert = { keyPem: csr.keyPem, certPem: issueCertificate(ca, csr.csrPem, { validDays: 365 }) };
  writeFileSync(file, JSON.stringify(cert), { mode: 0o600 });
  return cert;
}
