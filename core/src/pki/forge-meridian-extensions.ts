import { createPublicKey } from 'node:crypto';
import forge from 'node-forge';
import { encodeDer, DER_TAG, encodeOid } from './der.ts';
import { MERIDIAN_OIDS } from './meridian-oids.ts';
import type { NodeRole } from './node-role.ts';

/**
 * node-forge encodes OID arcs as 32-bit integers, so it cannot write the
 * `2.25.<UUID>` arc itself. We hand it stand-in OIDs and swap in the real
 * encodings in the ASN.1 tree before it is serialised and signed (see
 * `replaceMeridianOids`). The stand-ins are under the RFC 5612 documentation
 * PEN and never appear in an issued certificate or CSR.
 */
const STAND_INS = {
  region: '1.3.6.1.4.1.32473.4242.1',
  role: '1.3.6.1.4.1.32473.4242.2',
  ledgerPublicKey: '1.3.6.1.4.1.32473.4242.3',
} as const;

const binary = (bytes: Uint8Array): string => Buffer.from(bytes).toString('binary');

const REPLACEMENTS = new Map<string, string>(
  (Object.keys(STAND_INS) as (keyof typeof STAND_INS)[]).map((name) => [
    binary(encodeOid(STAND_INS[name]).subarray(2)),
    binary(encodeOid(MERIDIAN_OIDS[name]).subarray(2)),
  ]),
);

/** The identity a certificate or CSR carries in Meridian extensions. */
export interface MeridianIdentityFields {
  region: string;
  role: NodeRole;
  /** Raw 32-byte Ed25519 public key. */
  ledgerPublicKey?: Uint8Array | undefined;
}

/**
 * Builds node-forge extension objects for a Meridian identity, using the
 * stand-in OIDs; call `replaceMeridianOids` on the to-be-signed structure.
 *
 * @example
 * cert.setExtensions([...standard, ...meridianForgeExtensions({ region: 'eu', role: 'region' })]);
 */
export function meridianForgeExtensions(fields: MeridianIdentityFields): { id: string; critical: false; value: string }[] {
  const utf8 = (text: string): string => binary(encodeDer(DER_TAG.UTF8_STRING, new TextEncoder().encode(text)));
  const out: { id: string; critical: false; value: string }[] = [
    { id: STAND_INS.region, critical: false as const, value: utf8(fields.region) },
    { id: STAND_INS.role, critical: false as const, value: utf8(fields.role) },
  ];
  if (fields.ledgerPublicKey !== undefined) {
    out.push({ id: STAND_INS.ledgerPublicKey, critical: false, value: binary(ed25519Spki(fields.ledgerPublicKey)) });
  }
  return out;
}

/**
 * Replaces the stand-in OIDs in a forge ASN.1 tree with the real Meridian
 * OIDs, in place, and returns how many it replaced.
 */
export function replaceMeridianOids(node: forge.asn1.Asn1): number {
  if (typeof node.value === 'string') {
    const real = node.tagClass === forge.asn1.Class.UNIVERSAL && node.type === forge.asn1.Type.OID ? REPLACEMENTS.get(node.value) : undefined;
    if (real === undefined) return 0;
    node.value = real;
    return 1;
  }
  let count = 0;
  for (const child of node.value) count += replaceMeridianOids(child);
  return count;
}

function ed25519Spki(raw: Uint8Array): Uint8Array {
  if (raw.length !== 32) throw new Error(`an Ed25519 public key is 32 bytes, got ${raw.length}`);
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
  return key.export({ type: 'spki', format: 'der' });
}
