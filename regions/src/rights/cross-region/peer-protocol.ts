import { z } from 'zod';
import { PURPOSES } from '@meridian/core/catalog/data-class.ts';
import { REGIONS } from '@meridian/core/policy/region-profile.ts';
import { RIGHTS_REQUEST_TYPES } from '../rights-request-type.ts';
import { LOOKUP_KINDS } from './lookup-tag.ts';

/** Every request between regions names the requesting region (it must equal the client certificate's) and its request id. */
const origin = { requesterRegion: z.enum(REGIONS), requestId: z.uuid() };

/**
 * What a region sends its peers when no local subject matched: nothing but
 * the request's type, timing, the law it was received under and the lookup
 * tag of the contact the requester gave. Never the contact, the name or the
 * shop's customer id. Rectifications are not forwarded: their new value would
 * have to cross in the clear.
 */
export const forwardInputSchema = z.strictObject({
  ...origin,
  type: z.enum(RIGHTS_REQUEST_TYPES).refine((t) => t !== 'rectification', 'rectifications are filed with the home region (the new value would cross borders)'),
  channel: z.enum(LOOKUP_KINDS),
  /** HMAC-SHA-256 lookup tag, base64url (32 bytes). */
  tag: z.string().regex(/^[A-Za-z0-9_-]{43}$/, '32 bytes, base64url'),
  keyId: z.string().regex(/^lk-[0-9a-f]{16}$/),
  /** The law the requesting region received it under, and when: the subject's clock started then. */
  jurisdiction: z.string().regex(/^[A-Z]{2}-[A-Z0-9]{2,12}$/),
  receivedAt: z.iso.datetime({ offset: true }),
  statutoryDeadline: z.iso.datetime({ offset: true }),
  /** Narrows an objection (purpose names, nothing personal). */
  purposes: z.array(z.enum(PURPOSES)).min(1).max(PURPOSES.length).optional(),
});
export type ForwardInput = z.infer<typeof forwardInputSchema>;

/**
 * The answer to a forward. Same shape and length whether or not the subject
 * lives here: `match` is 1 or 0 and `requestId` is the home request's id or a
 * fresh random one.
 */
export interface ForwardAnswer {
  match: 0 | 1;
  requestId: string;
}

export const statusInputSchema = z.strictObject(origin);

/** The home request's state as the requesting region may see it: no personal data, closed denial codes only. */
export interface ForwardedStatus {
  requestId: string;
  status: string;
  jurisdiction: string;
  statutoryDeadline: string;
  extendedDeadline: string | null;
  completedAt: string | null;
  denyReason: string | null;
}

export const relayedCodeInputSchema = z.strictObject({ ...origin, code: z.string().regex(/^[0-9]{6}$/, 'six digits') });
