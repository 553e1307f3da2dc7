import { createHmac } from 'node:crypto';
import { secretKeyObject } from './secret-key-object.ts';

/** The kinds of identifier a node looks subjects up by. Each gets its own HMAC domain. */
export type BlindIndexKind = 'email' | 'phone' | 'external_ref' | 'dedupe';

/** The one normalisation rule for identifiers, so the same person always gets the same index. */
export function normalizeIdentifier(kind: BlindIndexKind, value: string): string {
  const v = value.normalize('NFKC').trim();
  switch (kind) {
    case 'email':
      return v.toLowerCase();
    case 'phone': {
      // E.164-like: keep a leading + and the digits; spaces, dashes and brackets are formatting.
      const digits = v.replace(/[^\d]/g, '');
      return v.startsWith('+') || v.startsWith('00') ? `+${digits.replace(/^00/, '')}` : digits;
    }
    default:
      return v;
  }
}

/**
 * A keyed hash (HMAC-SHA-256 under a region key) of a normalised identifier: lets
 * the node find a subject by e-mail or phone without storing either in the clear.
 *
 * @example
 * blindIndex(key, 'email', ' Ana@Example.org ') === blindIndex(key, 'email', 'ana@example.org'); // same bytes
 */
export function blindIndex(key: Uint8Array, kind: BlindIndexKind, value: string): Uint8Array {
  return createHmac('sha256', secretKeyObject(key)).update(kind).update('\0').update(normalizeIdentifier(kind, value)).digest();
}
