/**
 * The federation CA's credentials. `keyPem` is the CA's private key: keep it
 * on the coordinator (or offline) and never send it over the federation.
 */
export interface CertificateAuthority {
  certPem: string;
  keyPem: string;
}
