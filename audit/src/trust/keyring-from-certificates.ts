import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { verifyCertificate } from '@meridian/core/pki/verify-certificate.ts';
import type { VerifiedRevocationList } from '@meridian/core/pki/revocation-list.ts';
import type { Keyring } from './keyring.ts';
import type { NoteVerifierKey } from '../note/note-verifier-key.ts';
import { noteKeyId } from '../note/note-key-id.ts';

export interface CertificateKeyringInput {
  /** The federation CA certificate (trust anchor). */
  caPem: string;
  /** Each log: its origin and the region or coordinator certificate whose ledger key signs its checkpoints. */
  logs: readonly { origin: string; region: string; certificate: string }[];
  /** Each witness: its cosigner name and its `witness` certificate, whose ledger key is its cosigning key. */
  witnesses: readonly { name: string; certificate: string }[];
  witnessQuorum: number;
  revocation?: VerifiedRevocationList;
  now?: Date;
}

/**
 * Builds the keyring from the federation's certificates: a log key counts
 * only if a valid, unrevoked certificate for that region binds it, and a
 * witness key only if a `witness` certificate does. Witnesses need their own
 * certificate because a v1 cosignature key must not double as a log key.
 *
 * @example
 * const keyring = keyringFromCertificates({ caPem, logs: [{ origin: 'meridian.local/ledger/eu', region: 'eu', certificate: euPem }], witnesses: [{ name: 'meridian.local/witness/sea', certificate: seaWitnessPem }], witnessQuorum: 1 });
 * writeFileSync('trust.json', formatTrustFile(keyring));
 */
export function keyringFromCertificates(input: CertificateKeyringInput): Keyring {
  const options = { ...(input.revocation ? { revocation: input.revocation } : {}), ...(input.now ? { now: input.now } : {}) };
  const key = (name: string, type: 0x01 | 0x04, publicKey: Uint8Array | undefined, subject: string): NoteVerifierKey => {
    if (!publicKey || publicKey.length !== 32) throw new MeridianError('BAD_INPUT', `the certificate of ${subject} carries no Ed25519 ledger key`, { subject });
    return { name, type, publicKey, keyId: noteKeyId(name, type, publicKey) };
  };
  return {
    logs: input.logs.map((l) => {
      const id = verifyCertificate(l.certificate, input.caPem, { ...options, region: l.region, roles: ['region', 'coordinator'] });
      return key(l.origin, 0x01, id.ledgerPublicKey, l.origin);
    }),
    witnesses: input.witnesses.map((w) => {
      const id = verifyCertificate(w.certificate, input.caPem, { ...options, roles: ['witness'] });
      return key(w.name, 0x04, id.ledgerPublicKey, w.name);
    }),
    witnessQuorum: input.witnessQuorum,
  };
}
