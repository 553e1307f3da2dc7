import { createPublicKey } from 'node:crypto';
import { DER_TAG, decodeOid, derChildren, readDerExact, type DerElement } from './der.ts';
import { MERIDIAN_OIDS } from './meridian-oids.ts';
import { isNodeRole, type NodeRole } from './node-role.ts';
import { isRegionId } from './region-id.ts';

/** The Meridian identity fields found in a certificate's or CSR's extensions; absent ones are undefined. */
export interface MeridianExtensions {
  region?: string;
  role?: NodeRole;
  /** Raw 32-byte Ed25519 public key. */
  ledgerPublicKey?: Uint8Array;
}

/**
 * Decodes the Meridian extensions out of a list of X.509 `Extension`
 * elements (the children of the `Extensions` SEQUENCE). Strict: a duplicated
 * extension of any kind, a wrongly typed value, a region that is not a region
 * id, an unknown role or a ledger key that is not Ed25519 all throw, because a
 * half-understood identity must never be accepted.
 *
 * @example
 * const { region, role } = readMeridianExtensions(extensionElements);
 */
export function readMeridianExtensions(extensions: readonly DerElement[]): MeridianExtensions {
  const seen = new Set<string>();
  const out: MeridianExtensions = {};
  for (const extension of extensions) {
    if (extension.tag !== DER_TAG.SEQUENCE) throw new Error('extension is not a SEQUENCE');
    const parts = derChildren(extension);
    const [oidElement] = parts;
    const valueElement = parts[parts.length - 1];
    const criticalElement = parts.length === 3 ? parts[1] : undefined;
    if (
      oidElement?.tag !== DER_TAG.OID ||
      valueElement?.tag !== DER_TAG.OCTET_STRING ||
      parts.length < 2 ||
      parts.length > 3 ||
      (criticalElement !== undefined && criticalElement.tag !== DER_TAG.BOOLEAN)
    ) {
      throw new Error('malformed extension');
    }
    const oid = decodeOid(oidElement.content);
    if (seen.has(oid)) throw new Error(`extension ${oid} appears twice`);
    seen.add(oid);
    switch (oid) {
      case MERIDIAN_OIDS.region: {
        const region = readUtf8(valueElement.content);
        if (!isRegionId(region)) throw new Error('region extension is not a region id');
        out.region = region;
        break;
      }
      case MERIDIAN_OIDS.role: {
        const role = readUtf8(valueElement.content);
        if (!isNodeRole(role)) throw new Error(`role extension holds an unknown role`);
        out.role = role;
        break;
      }
      case MERIDIAN_OIDS.ledgerPublicKey:
        out.ledgerPublicKey = ed25519RawFromSpki(valueElement.content);
        break;
      default:
        // Standard extensions (SAN, key usage, …) are OpenSSL's business.
        break;
    }
  }
  return out;
}

function readUtf8(extnValue: Uint8Array): string {
  const element = readDerExact(extnValue);
  if (element.tag !== DER_TAG.UTF8_STRING) throw new Error('expected a UTF8String');
  return new TextDecoder('utf-8', { fatal: true }).decode(element.content);
}

function ed25519RawFromSpki(spki: Uint8Array): Uint8Array {
  readDerExact(spki); // node:crypto tolerates trailing bytes; we do not.
  const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`ledger key is ${key.asymmetricKeyType ?? 'unknown'}, not ed25519`);
  const { x } = key.export({ format: 'jwk' });
  if (typeof x !== 'string') throw new Error('ledger key has no public point');
  const raw = Buffer.from(x, 'base64url');
  if (raw.length !== 32) throw new Error('ledger key is not 32 bytes');
  return new Uint8Array(raw);
}
