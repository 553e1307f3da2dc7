import { X509Certificate, verify } from 'node:crypto';
import { z } from 'zod';
import { MeridianError } from '../errors/meridian-error.ts';
import { compareSerials, normalizeSerial } from './certificate-serial.ts';
import { REVOCATION_REASONS, revocationListPayload, type VerifiedRevocationList } from './revocation-list.ts';

const isoInstant = z.iso.datetime({ offset: false });
const listSchema = z.strictObject({
  format: z.literal('meridian-revocation-list/v1'),
  issuer: z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
  number: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  issuedAt: isoInstant,
  revoked: z.array(
    z.strictObject({
      serial: z.string().regex(/^[0-9A-F]+$/).refine((s) => normalizeSerial(s) === s, 'serial is not canonical'),
      reason: z.enum(REVOCATION_REASONS),
      revokedAt: isoInstant,
    }),
  ),
  signature: z.base64(),
});

/**
 * Checks a revocation list received from anywhere (file, network) against the
 * CA certificate: its shape, that it names this CA, that entries are sorted
 * and unique (one canonical encoding) and that the CA signed it. Returns the
 * list typed as verified. Throws `MeridianError` with `BAD_INPUT` for a
 * malformed list and `UNAUTHENTICATED` for a list of another CA or with a bad
 * signature. Rollback (an older `number`) is the holder's check: see
 * `RevocationStore` in `@meridian/federation`.
 *
 * @example
 * const crl = verifyRevocationList(JSON.parse(text), caPem);
 * verifyCertificate(peerPem, caPem, { revocation: crl });
 */
export function verifyRevocationList(list: unknown, caPem: string | X509Certificate): VerifiedRevocationList {
  const parsed = listSchema.safeParse(list);
  if (!parsed.success) {
    throw new MeridianError('BAD_INPUT', 'revocation list is malformed', {
      reason: 'malformed_revocation_list',
      paths: parsed.error.issues.map((issue) => issue.path.join('.')),
    });
  }
  const value = parsed.data;
  for (let i = 1; i < value.revoked.length; i++) {
    if (compareSerials(value.revoked[i - 1]?.serial ?? '', value.revoked[i]?.serial ?? '') >= 0) {
      throw new MeridianError('BAD_INPUT', 'revocation list entries are not sorted and unique', { reason: 'malformed_revocation_list', index: i });
    }
  }
  const ca = typeof caPem === 'string' ? new X509Certificate(caPem) : caPem;
  if (value.issuer !== ca.fingerprint256) {
    throw new MeridianError('UNAUTHENTICATED', 'revocation list was issued for another CA', {
      reason: 'wrong_issuer',
      expectedIssuer: ca.fingerprint256,
      issuer: value.issuer,
    });
  }
  if (!verify('sha256', revocationListPayload(value), ca.publicKey, Buffer.from(value.signature, 'base64'))) {
    throw new MeridianError('UNAUTHENTICATED', 'revocation list signature does not verify', { reason: 'bad_signature', number: value.number });
  }
  return value as unknown as VerifiedRevocationList;
}
