import { z } from 'zod';
import { PURPOSES } from '@meridian/core/catalog/data-class.ts';
import { REGIONS } from '@meridian/core/policy/region-profile.ts';

/** A label from a taxonomy: letters, digits and `_ . ? -` (Banking77 has `reverted_card_payment?`), no spaces. */
const LABEL = /^[\p{L}\p{N}_.?-]{1,64}$/u;

export const CHANNELS = ['chat', 'email', 'whatsapp', 'sms', 'web_form', 'voice_transcript', 'social'] as const;

/**
 * One customer message as a channel hands it to a region node. Strict: unknown
 * fields are refused rather than silently dropped, so a caller's typo is seen.
 */
export const ingestRecordSchema = z.strictObject({
  sourceMessageId: z.string().min(1).max(200),
  channel: z.enum(CHANNELS),
  direction: z.enum(['inbound', 'outbound']).default('inbound'),
  sentAt: z.iso.datetime({ offset: true }),
  text: z.string().min(1).max(20_000),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/).optional(),
  orderRef: z.string().min(1).max(100).optional(),
  subject: z.strictObject({
    externalId: z.string().min(1).max(200),
    homeRegion: z.enum(REGIONS),
    country: z.string().regex(/^[A-Z]{2}$/),
    name: z.string().min(1).max(300).optional(),
    email: z.email().max(320).optional(),
    phone: z.string().regex(/^\+?[0-9][0-9 ().-]{4,30}$/).optional(),
  }),
  /** Labels an agent or the channel's disposition code gave the message; federated training learns from them. */
  labels: z
    .strictObject({
      intent: z.string().regex(LABEL).optional(),
      sentiment: z.string().regex(LABEL).optional(),
      emotion: z.string().regex(LABEL).optional(),
    })
    .optional(),
  consents: z
    .array(z.strictObject({ purpose: z.enum(PURPOSES), granted: z.boolean() }))
    .max(PURPOSES.length)
    .refine((cs) => new Set(cs.map((c) => c.purpose)).size === cs.length, 'each purpose at most once')
    .optional(),
});

export type IngestRecord = z.input<typeof ingestRecordSchema>;
export type ValidIngestRecord = z.output<typeof ingestRecordSchema>;
