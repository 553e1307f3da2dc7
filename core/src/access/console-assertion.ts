import { z } from 'zod';
import { REGIONS } from '../policy/region-profile.ts';
import { consoleGrantsSchema } from './console-grant.ts';

/** The HTTP header a console request carries its assertion in. */
export const CONSOLE_ASSERTION_HEADER = 'x-meridian-console-assertion';

/** An assertion lives at most this long (issued → expiry). */
export const MAX_ASSERTION_LIFETIME_MS = 60_000;

/** Tolerated clock difference between the console and a node. */
export const CLOCK_SKEW_MS = 5_000;

/** Token prefix; a new encoding gets a new one. */
export const ASSERTION_PREFIX = 'mca1';

/** What the signature covers: this domain line, then the base64url payload (so no other Ed25519 signature of the same key can pass as an assertion). */
export const ASSERTION_SIGNING_DOMAIN = 'meridian-console-assertion/v1\n';

/** Longest token accepted before any parsing. */
export const MAX_ASSERTION_LENGTH = 8_192;

/** Opaque ids of console users and sessions: no `@` or spaces, so no e-mail or name fits (they go on the ledger as the actor). */
export const consoleIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'an opaque id of 1-64 characters [A-Za-z0-9._:-]');

/**
 * The claims a console signs for one call to one region node: who the user is
 * (their console id and session), what they hold (grants), for which node
 * (`aud`), when (ms since the epoch) and a single-use nonce.
 */
export const consoleAssertionPayloadSchema = z.strictObject({
  v: z.literal(1),
  /** Which console key signed it (`consoleKeyId`). */
  kid: z.string().regex(/^[0-9a-f]{16}$/),
  sub: consoleIdSchema,
  sid: consoleIdSchema,
  grants: consoleGrantsSchema,
  aud: z.enum(REGIONS),
  iat: z.number().int().nonnegative(),
  exp: z.number().int().nonnegative(),
  nonce: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/),
});

export type ConsoleAssertionPayload = z.infer<typeof consoleAssertionPayloadSchema>;

/** A verified assertion: the console user a region node serves. */
export interface ConsoleIdentity {
  userId: string;
  sessionId: string;
  grants: ConsoleAssertionPayload['grants'];
  audience: ConsoleAssertionPayload['aud'];
  keyId: string;
  issuedAt: Date;
  expiresAt: Date;
}
