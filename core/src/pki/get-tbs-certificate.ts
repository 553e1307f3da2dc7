import forge from 'node-forge';

/**
 * forge's TBSCertificate builder. It exists at run time but is missing from
 * @types/node-forge; we need it because Meridian signs the to-be-signed
 * structure itself (after swapping in the real Meridian OIDs) instead of
 * calling `cert.sign`.
 *
 * @example
 * const tbs = getTbsCertificate(cert);
 */
export function getTbsCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1 {
  return (forge.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 }).getTBSCertificate(cert);
}
