import { z } from 'zod';
import { PURPOSES } from '@meridian/core/catalog/data-class.ts';
import { RIGHTS_REQUEST_TYPES } from './rights-request-type.ts';

/** The contact the requester claims; a code goes out only if it matches the subject's contact on file. */
export const claimedContactSchema = z.discriminatedUnion('channel', [
  z.strictObject({ channel: z.literal('email'), value: z.email().max(320) }),
  z.strictObject({ channel: z.literal('phone'), value: z.string().regex(/^\+?[0-9][0-9 ().-]{4,30}$/) }),
]);

/** What a rectification changes. */
export const rectificationSchema = z.discriminatedUnion('field', [
  z.strictObject({ field: z.literal('name'), value: z.string().min(1).max(300) }),
  z.strictObject({ field: z.literal('email'), value: z.email().max(320) }),
  z.strictObject({ field: z.literal('phone'), value: z.string().regex(/^\+?[0-9][0-9 ().-]{4,30}$/) }),
]);

/**
 * A rights request as the API and the CLI take it. Strict: unknown fields are refused.
 * `rectification` is required for (and only for) rectification; `purposes` narrows an objection.
 */
export const rightsRequestInputSchema = z
  .strictObject({
    type: z.enum(RIGHTS_REQUEST_TYPES),
    externalId: z.string().min(1).max(200),
    contact: claimedContactSchema,
    /** ISO country of the requester, to pick the jurisdiction when no subject matches. */
    country: z.string().regex(/^[A-Z]{2}$/).optional(),
    rectification: rectificationSchema.optional(),
    purposes: z.array(z.enum(PURPOSES)).min(1).max(PURPOSES.length).optional(),
    /**
     * When no local subject has this customer id, forward the request to the other regions by the lookup
     * tag of `contact` (see cross-region/). The answer then says where it went.
     */
    forward: z.boolean().optional(),
  })
  .refine((r) => (r.type === 'rectification') === (r.rectification !== undefined), { message: 'rectification details are required for, and only for, a rectification', path: ['rectification'] })
  .refine((r) => r.purposes === undefined || r.type === 'objection', { message: 'purposes apply only to an objection', path: ['purposes'] })
  .refine((r) => !(r.forward && r.type === 'rectification'), { message: 'a rectification cannot be forwarded (its new value would cross borders): file it with the home region', path: ['forward'] });

export type RightsRequestInput = z.input<typeof rightsRequestInputSchema>;
export type ValidRightsRequestInput = z.output<typeof rightsRequestInputSchema>;
