/**
 * The private OID arc under which Meridian certificates carry a node's identity.
 *
 * Meridian has no IANA Private Enterprise Number, so the arc is a UUID OID
 * (`2.25.<UUID as integer>`, ITU-T X.667), which anyone
 * may allocate without registration and which cannot collide with another
 * organisation's arc. UUID `8aa08bab-3823-4503-8ab1-07a4a55c7bd0` was generated once
 * for Meridian; never change it, or every issued certificate loses its identity.
 *
 * | OID | extension | extnValue (DER) |
 * |---|---|---|
 * | `ARC.1` | region | `UTF8String`, the region id (`eu`, `sea`, `me`, …) |
 * | `ARC.2` | role | `UTF8String`, one of `NODE_ROLES` |
 * | `ARC.3` | ledger public key | `SubjectPublicKeyInfo` of the node's Ed25519 checkpoint-signing key |
 *
 * All three are marked non-critical: OpenSSL rejects a TLS peer whose
 * certificate has an unknown critical extension, and Meridian's own verifier
 * (`verifyCertificate`) requires region and role anyway.
 *
 * Caveat: node-forge's `certificateFromPem` cannot decode arcs wider than
 * 53 bits and throws on these certificates. Read them with node:crypto's
 * `X509Certificate` or with `verifyCertificate`; `openssl x509 -text` shows
 * them fine.
 *
 * @example
 * MERIDIAN_OIDS.region // '2.25.184267063736008459264984074443500059600.1'
 */
export const MERIDIAN_OIDS = {
  arc: '2.25.184267063736008459264984074443500059600',
  region: '2.25.184267063736008459264984074443500059600.1',
  role: '2.25.184267063736008459264984074443500059600.2',
  ledgerPublicKey: '2.25.184267063736008459264984074443500059600.3',
} as const;
