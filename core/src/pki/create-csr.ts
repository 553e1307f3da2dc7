import forge from 'node-forge';
import { MeridianError } from '../errors/meridian-error.ts';
import { isCommonName } from './common-name.ts';
import { replaceMeridianOids, meridianForgeExtensions } from './forge-meridian-extensions.ts';
import { generateRsaKeyPair } from './generate-rsa-key-pair.ts';
import { isNodeRole, type NodeRole } from './node-role.ts';
import { isRegionId } from './region-id.ts';
import { SHA256_WITH_RSA, signAsn1 } from './sign-asn1.ts';

export interface CreateCsrOptions {
  /** A label for humans (logs, `openssl x509 -text`), e.g. `eu-node-1`. Identity comes from `region` and `role`. */
  commonName: string;
  region: string;
  role: NodeRole;
  /** The node's raw 32-byte Ed25519 checkpoint-signing public key, bound into the certificate (see `createLedgerKeyPair`). */
  ledgerPublicKey?: Uint8Array;
  /** RSA modulus of the new TLS key; defaults to 2048. */
  keyBits?: number;
}

/**
 * Generates a fresh TLS key and a PKCS#10 certificate signing request that
 * asks for a Meridian identity. Region, role and the ledger public key travel
 * in an `extensionRequest` attribute under `MERIDIAN_OIDS`; the CA copies
 * them into the certificate only after checking them against the enrollment
 * grant. The private key never leaves the node.
 *
 * @example
 * const ledgerKey = createLedgerKeyPair();
 * const { csrPem, keyPem } = createCsr({ commonName: 'eu-node-1', region: 'eu', role: 'region', ledgerPublicKey: ledgerKey.publicKey });
 */
export function createCsr(options: CreateCsrOptions): { csrPem: string; keyPem: string } {
  if (!isRegionId(options.region)) throw new MeridianError('BAD_INPUT', 'region is not a region id', { field: 'region' });
  if (!isNodeRole(options.role)) throw new MeridianError('BAD_INPUT', 'unknown node role', { field: 'role' });
  if (!isCommonName(options.commonName)) throw new MeridianError('BAD_INPUT', 'commonName must be 1-64 of [A-Za-z0-9._-]', { field: 'commonName' });
  if (options.ledgerPublicKey !== undefined && options.ledgerPublicKey.length !== 32) {
    throw new MeridianError('BAD_INPUT', 'ledgerPublicKey must be a raw 32-byte Ed25519 key', { field: 'ledgerPublicKey', length: options.ledgerPublicKey.length });
  }
  const { privateKeyPem, publicKeyPem } = generateRsaKeyPair(options.keyBits);
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  csr.setSubject([
    { shortName: 'CN', value: options.commonName },
    { shortName: 'O', value: 'Meridian federation' },
  ]);
  const extensions = meridianForgeExtensions(options);
  csr.setAttributes([{ name: 'extensionRequest', extensions }]);
  csr.signatureOid = csr.siginfo.algorithmOid = SHA256_WITH_RSA;
  const info = (forge.pki as unknown as { getCertificationRequestInfo(c: forge.pki.CertificateSigningRequest): forge.asn1.Asn1 })
    .getCertificationRequestInfo(csr);
  const replaced = replaceMeridianOids(info);
  if (replaced !== extensions.length) throw new Error(`replaced ${replaced} Meridian OIDs, expected ${extensions.length}`);
  csr.certificationRequestInfo = info;
  csr.signature = signAsn1(info, privateKeyPem);
  return { csrPem: forge.pki.certificationRequestToPem(csr), keyPem: privateKeyPem };
}
