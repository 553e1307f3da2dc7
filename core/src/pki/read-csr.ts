import { createPublicKey, verify } from 'node:crypto';
import { MeridianError } from '../errors/meridian-error.ts';
import { isCommonName } from './common-name.ts';
import { DER_TAG, decodeOid, derChildren, readDerExact, type DerElement } from './der.ts';
import { readMeridianExtensions } from './read-meridian-extensions.ts';
import type { NodeRole } from './node-role.ts';
import { SHA256_WITH_RSA } from './sign-asn1.ts';

const EXTENSION_REQUEST = '1.2.840.113549.1.9.14';
const COMMON_NAME = '2.5.4.3';

/** What a verified CSR asks for. */
export interface CsrContents {
  commonName: string;
  region: string;
  role: NodeRole;
  /** Raw 32-byte Ed25519 key, when the node asked for one to be bound. */
  ledgerPublicKey?: Uint8Array;
  /** The TLS public key (RSA, ≥ 2048 bits) the certificate will certify. */
  publicKeyPem: string;
}

/**
 * Parses a PKCS#10 CSR and checks its self-signature (proof that the
 * requester holds the private key), with node:crypto and Meridian's own DER
 * reader. Only `sha256WithRSAEncryption` and RSA keys of at least 2048 bits are
 * accepted. Throws `MeridianError('BAD_INPUT')` whose evidence names the
 * reason: `malformed_csr`, `unsupported_algorithm`, `weak_key`,
 * `bad_csr_signature` or `missing_identity`.
 *
 * @example
 * const wanted = readCsr(csrPem);
 * if (wanted.region !== grant.region) throw …;
 */
export function readCsr(csrPem: string): CsrContents {
  let parts: { info: DerElement; algorithm: string; signature: Uint8Array };
  try {
    parts = splitCsr(pemBody(csrPem));
  } catch (error) {
    throw bad('malformed_csr', `CSR is malformed: ${(error as Error).message}`, error);
  }
  if (parts.algorithm !== SHA256_WITH_RSA) {
    throw new MeridianError('BAD_INPUT', 'CSR signature algorithm is not sha256WithRSAEncryption', { reason: 'unsupported_algorithm', algorithm: parts.algorithm });
  }
  let fields: ReturnType<typeof splitInfo>;
  try {
    fields = splitInfo(parts.info);
  } catch (error) {
    throw bad('malformed_csr', `CSR is malformed: ${(error as Error).message}`, error);
  }
  const key = (() => {
    try {
      return createPublicKey({ key: Buffer.from(fields.spki), format: 'der', type: 'spki' });
    } catch (error) {
      throw bad('malformed_csr', 'CSR public key cannot be parsed', error);
    }
  })();
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (key.asymmetricKeyType !== 'rsa' || bits < 2048) {
    throw new MeridianError('BAD_INPUT', 'CSR key must be RSA of at least 2048 bits', { reason: 'weak_key', keyType: key.asymmetricKeyType ?? 'unknown', bits });
  }
  if (!verify('sha256', parts.info.der, key, parts.signature)) {
    throw new MeridianError('BAD_INPUT', 'CSR signature does not verify with its own public key', { reason: 'bad_csr_signature' });
  }
  const { commonName, extensions } = fields;
  let identity: ReturnType<typeof readMeridianExtensions>;
  try {
    identity = readMeridianExtensions(extensions);
  } catch (error) {
    throw bad('malformed_csr', `CSR identity extensions are malformed: ${(error as Error).message}`, error);
  }
  if (identity.region === undefined || identity.role === undefined || !isCommonName(commonName)) {
    throw new MeridianError('BAD_INPUT', 'CSR must name a common name, a region and a role', {
      reason: 'missing_identity',
      hasRegion: identity.region !== undefined,
      hasRole: identity.role !== undefined,
      hasCommonName: isCommonName(commonName),
    });
  }
  const out: CsrContents = {
    commonName,
    region: identity.region,
    role: identity.role,
    publicKeyPem: key.export({ type: 'spki', format: 'pem' }).toString(),
  };
  if (identity.ledgerPublicKey !== undefined) out.ledgerPublicKey = identity.ledgerPublicKey;
  return out;
}

function bad(reason: string, message: string, cause: unknown): MeridianError {
  return new MeridianError('BAD_INPUT', message, { reason }, { cause });
}

function pemBody(pem: string): Uint8Array {
  const match = /^\s*-----BEGIN (NEW )?CERTIFICATE REQUEST-----\r?\n([A-Za-z0-9+/=\r\n]+)-----END (NEW )?CERTIFICATE REQUEST-----\s*$/.exec(pem);
  if (match === null || match[2] === undefined) throw new Error('not a single PEM CERTIFICATE REQUEST block');
  return new Uint8Array(Buffer.from(match[2].replace(/\s+/g, ''), 'base64'));
}

function splitCsr(der: Uint8Array): { info: DerElement; algorithm: string; signature: Uint8Array } {
  const top = readDerExact(der);
  const [info, algorithm, signature, ...extra] = top.tag === DER_TAG.SEQUENCE ? derChildren(top) : [];
  if (info?.tag !== DER_TAG.SEQUENCE || algorithm?.tag !== DER_TAG.SEQUENCE || signature?.tag !== DER_TAG.BIT_STRING || extra.length > 0) {
    throw new Error('expected SEQUENCE { info, algorithm, signature }');
  }
  const [algorithmOid, parameters, ...more] = derChildren(algorithm);
  if (algorithmOid?.tag !== DER_TAG.OID || more.length > 0 || (parameters !== undefined && (parameters.tag !== DER_TAG.NULL || parameters.content.length !== 0))) {
    throw new Error('malformed signature algorithm');
  }
  if (signature.content[0] !== 0) throw new Error('signature BIT STRING has unused bits');
  return { info, algorithm: decodeOid(algorithmOid.content), signature: signature.content.subarray(1) };
}

function splitInfo(info: DerElement): { commonName: string; spki: Uint8Array; extensions: DerElement[] } {
  const [version, subject, spki, attributes, ...extra] = derChildren(info);
  if (version?.tag !== DER_TAG.INTEGER || version.content.length !== 1 || version.content[0] !== 0) throw new Error('CSR version must be 0 (v1)');
  if (subject?.tag !== DER_TAG.SEQUENCE || spki?.tag !== DER_TAG.SEQUENCE || attributes?.tag !== DER_TAG.CONTEXT_0 || extra.length > 0) {
    throw new Error('expected { version, subject, subjectPKInfo, [0] attributes }');
  }
  let commonName: string | undefined;
  for (const rdn of derChildren(subject)) {
    for (const pair of derChildren(rdn)) {
      const [type, value] = derChildren(pair);
      if (type?.tag !== DER_TAG.OID || value === undefined) throw new Error('malformed subject');
      if (decodeOid(type.content) !== COMMON_NAME) continue;
      if (commonName !== undefined) throw new Error('subject has more than one common name');
      if (value.tag !== DER_TAG.UTF8_STRING && value.tag !== DER_TAG.PRINTABLE_STRING) throw new Error('common name has an unexpected string type');
      commonName = new TextDecoder('utf-8', { fatal: true }).decode(value.content);
    }
  }
  let extensions: DerElement[] | undefined;
  for (const attribute of derChildren(attributes)) {
    const [type, values] = derChildren(attribute);
    if (type?.tag !== DER_TAG.OID || values?.tag !== DER_TAG.SET) throw new Error('malformed attribute');
    if (decodeOid(type.content) !== EXTENSION_REQUEST) continue;
    const [requested, ...others] = derChildren(values);
    if (extensions !== undefined || requested?.tag !== DER_TAG.SEQUENCE || others.length > 0) throw new Error('malformed or repeated extensionRequest');
    extensions = derChildren(requested);
  }
  return { commonName: commonName ?? '', spki: spki.der, extensions: extensions ?? [] };
}
