import type { RevocationStore } from './revocation-store.ts';

/** What every mTLS server of the federation listens with: its identity, the CA and revocation, and where. */
export interface MtlsEndpoint {
  /** This party's TLS key and certificate, and the federation CA, all PEM. */
  key: string;
  cert: string;
  ca: string;
  revocation: RevocationStore;
  /** Loopback by default; bind elsewhere only on purpose. */
  host?: string;
  /** 0 (default): any free port. */
  port?: number;
}
