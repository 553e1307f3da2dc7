import { X509Certificate, createPrivateKey, sign, verify, constants, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { verifyCertificate } from '@meridian/core/pki/verify-certificate.ts';
import type { VerifiedRevocationList } from '@meridian/core/pki/revocation-list.ts';

/** A party's public contribution to a round's key exchange (Bonawitz round 0). */
export interface KeyAdvertisement {
  federation: string;
  round: number;
  region: string;
  /** X25519 key for encrypting Shamir shares (c_u). Never revealed. */
  cipherPublicKey: Uint8Array;
  /** X25519 key for the pairwise masks (s_u); its private half is Shamir-shared. */
  maskPublicKey: Uint8Array;
  /** The party's integer weight in the average (1, or its example count). */
  weight: number;
  /** SHA-256 of the self-mask seed b_u, so the coordinator can check a reconstructed seed. */
  selfSeedCommitment: Uint8Array;
}

/** A node's federation identity: the certificate the CA issued and its private key (PEM). */
export interface SigningIdentity {
  key: string | KeyObject;
  cert: string;
}

const B64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/).max(8192);
const wireSchema = z.object({
  v: z.literal(1),
  federation: z.string().max(128),
  round: z.number().int().min(1),
  region: z.string().max(64),
  cipherPublicKey: B64,
  maskPublicKey: B64,
  weight: z.number().int().min(0).max(2 ** 29),
  selfSeedCommitment: B64,
  certificate: z.string().max(16_384),
  signature: B64,
});

const fromB64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
const toB64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** The exact bytes signed: a domain tag and every field, as a JSON array (no key-order ambiguity). */
function signedBytes(ad: KeyAdvertisement): Buffer {
  return Buffer.from(
    JSON.stringify(['meridian/secagg/v1/keys', ad.federation, ad.round, ad.region, toB64(ad.cipherPublicKey), toB64(ad.maskPublicKey), ad.weight, toB64(ad.selfSeedCommitment)]),
  );
}

/** RSA keys (what the federation CA issues) sign with PSS/SHA-256; Ed25519 keys sign raw. */
function signatureOptions(key: KeyObject) {
  const type = key.asymmetricKeyType;
  if (type === 'ed25519' || type === 'ed448') return { algorithm: null, key };
  if (type === 'rsa') return { algorithm: 'sha256', key: { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } };
  return { algorithm: 'sha256', key: { key, dsaEncoding: 'der' as const } };
}

/**
 * Serialises `ad` and signs it with the key of the node's federation
 * certificate, which travels with it. The channel is mTLS-authenticated only
 * up to the coordinator: the coordinator relays and could swap keys to sit in
 * the middle of every pairwise agreement. The signature binds the keys to the
 * certificate of the region named in them, and to the federation and round,
 * so a relay can drop or delay an advertisement but not forge or replay one.
 *
 * @example
 * await channel.post(SECAGG_TOPICS.keys, signKeyAdvertisement(ad, { key: keyPem, cert: certPem }));
 */
export function signKeyAdvertisement(ad: KeyAdvertisement, identity: SigningIdentity): Uint8Array {
  const key = typeof identity.key === 'string' ? createPrivateKey(identity.key) : identity.key;
  const { algorithm, key: signingKey } = signatureOptions(key);
  const signature = sign(algorithm, signedBytes(ad), signingKey);
  const wire = {
    v: 1,
    federation: ad.federation,
    round: ad.round,
    region: ad.region,
    cipherPublicKey: toB64(ad.cipherPublicKey),
    maskPublicKey: toB64(ad.maskPublicKey),
    weight: ad.weight,
    selfSeedCommitment: toB64(ad.selfSeedCommitment),
    certificate: identity.cert,
    signature: toB64(signature),
  };
  return new Uint8Array(Buffer.from(JSON.stringify(wire)));
}

/**
 * Reads an advertisement relayed as coming `from` a region and, when `trust`
 * is given, verifies it: the certificate chains to the federation CA (and is
 * not revoked), names `from` as its region with the `region` role, and its key
 * signed exactly these fields for this federation and round. Throws
 * `MeridianError` `BAD_INPUT` (malformed), `UNAUTHENTICATED`/`FORBIDDEN`
 * (certificate or signature) with evidence. Without `trust` (the coordinator
 * reading its own relay) only the form and the binding to `from` are checked.
 *
 * @example
 * const ad = openKeyAdvertisement(m.body, { federation, round, from: m.from, trust: { ca } });
 */
export function openKeyAdvertisement(
  body: Uint8Array,
  expected: { federation: string; round: number; from: string; trust?: { ca: string; revocation?: VerifiedRevocationList } },
): KeyAdvertisement {
  let wire: z.infer<typeof wireSchema>;
  try {
    wire = wireSchema.parse(JSON.parse(Buffer.from(body).toString('utf8')));
  } catch (error) {
    throw new MeridianError('BAD_INPUT', 'malformed key advertisement', { reason: 'bad_advertisement', from: expected.from }, { cause: error });
  }
  const ad: KeyAdvertisement = {
    federation: wire.federation,
    round: wire.round,
    region: wire.region,
    cipherPublicKey: fromB64(wire.cipherPublicKey),
    maskPublicKey: fromB64(wire.maskPublicKey),
    weight: wire.weight,
    selfSeedCommitment: fromB64(wire.selfSeedCommitment),
  };
  if (ad.federation !== expected.federation || ad.round !== expected.round || ad.region !== expected.from) {
    throw new MeridianError('BAD_INPUT', 'key advertisement is for another round or party', {
      reason: 'advertisement_mismatch',
      from: expected.from,
      region: ad.region.slice(0, 64),
      round: ad.round,
      expectedRound: expected.round,
    });
  }
  if (ad.cipherPublicKey.length !== 32 || ad.maskPublicKey.length !== 32 || ad.selfSeedCommitment.length !== 32) {
    throw new MeridianError('BAD_INPUT', 'key advertisement has keys of the wrong size', { reason: 'bad_advertisement', from: expected.from });
  }
  if (expected.trust) {
    verifyCertificate(wire.certificate, expected.trust.ca, { region: expected.from, roles: ['region'], ...(expected.trust.revocation ? { revocation: expected.trust.revocation } : {}) });
    const publicKey = new X509Certificate(wire.certificate).publicKey;
    const { algorithm, key } = signatureOptions(publicKey);
    if (!verify(algorithm, signedBytes(ad), key as never, Buffer.from(wire.signature, 'base64'))) {
      throw new MeridianError('UNAUTHENTICATED', 'key advertisement signature does not verify', { reason: 'bad_signature', from: expected.from });
    }
  }
  return ad;
}
