import { createHmac } from 'node:crypto';
import { normalizeIdentifier } from '@meridian/core/crypto/blind-index.ts';
import { secretKeyObject } from '@meridian/core/crypto/secret-key-object.ts';
import type { LookupKey } from './lookup-key.ts';

/** The contact kinds a request can be looked up by across regions. */
export const LOOKUP_KINDS = ['email', 'phone'] as const;
export type LookupKind = (typeof LOOKUP_KINDS)[number];

/**
 * A contact's lookup tag: HMAC-SHA-256 under the federation lookup key of the
 * contact normalised with the blind index's rules (so ` Ana@Example.org ` and
 * `ana@example.org` meet), in its own domain so a tag never equals a region's
 * blind index or a tag of another kind.
 *
 * @example
 * lookupTag(lk, 'email', 'Ana@Example.org').length; // 32
 */
export function lookupTag(lookupKey: LookupKey, kind: LookupKind, value: string): Uint8Array {
  return new Uint8Array(
    createHmac('sha256', secretKeyObject(lookupKey.key)).update('meridian-cross-region-lookup/v1').update('\0').update(kind).update('\0').update(normalizeIdentifier(kind, value)).digest(),
  );
}
