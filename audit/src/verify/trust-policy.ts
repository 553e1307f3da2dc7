/** One trusted Ed25519 key, as the verifier matches it against signature lines. */
export interface TrustedKey {
  name: string;
  keyId: Uint8Array;
  publicKey: Uint8Array;
}

/**
 * Whom the auditor trusts: the logs' checkpoint keys (named after each log's
 * origin), the witnesses' cosigning keys, and how many distinct witnesses
 * must have cosigned a checkpoint for it to count.
 */
export interface TrustPolicy {
  logs: TrustedKey[];
  witnesses: TrustedKey[];
  witnessQuorum: number;
}
