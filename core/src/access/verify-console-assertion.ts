import { verify } from 'node:crypto';
import { MeridianError } from '../errors/meridian-error.ts';
import type { Region } from '../policy/region-profile.ts';
import type { ConsoleTrust } from './console-trust.ts';
import {
  ASSERTION_PREFIX, ASSERTION_SIGNING_DOMAIN, CLOCK_SKEW_MS, MAX_ASSERTION_LENGTH, MAX_ASSERTION_LIFETIME_MS,
  consoleAssertionPayloadSchema, type ConsoleIdentity,
} from './console-assertion.ts';

/** Why an assertion was refused; reported as `evidence.reason` of an UNAUTHENTICATED (401) error. */
export type AssertionRefusal =
  | 'missing' | 'console_not_trusted' | 'malformed' | 'unknown_key' | 'bad_signature' | 'wrong_audience'
  | 'lifetime_too_long' | 'not_yet_valid' | 'expired' | 'replayed';

const refuse = (reason: AssertionRefusal, message: string): never => {
  throw new MeridianError('UNAUTHENTICATED', message, { reason });
};

function strictBase64url(s: string | undefined): Buffer | undefined {
  if (!s || !/^[A-Za-z0-9_-]+$/.test(s)) return undefined;
  const b = Buffer.from(s, 'base64url');
  return b.toString('base64url') === s ? b : undefined;
}

/**
 * Verifies a console identity assertion at the region node `audience`: a
 * known console key, a valid Ed25519 signature over the exact bytes, this
 * node as audience, a lifetime of at most 60 s that covers `now` (± 5 s of
 * clock skew) and a nonce never seen before. Anything else throws
 * UNAUTHENTICATED with the reason; nothing from the token is echoed back.
 *
 * @example
 * const who = verifyConsoleAssertion(req.headers['x-meridian-console-assertion'], trust, { audience: 'eu' });
 * const ability = defineConsoleAbility({ userId: who.userId, grants: who.grants }, { onlyRegion: 'eu' });
 */
export function verifyConsoleAssertion(token: string | undefined, trust: ConsoleTrust | undefined, opts: { audience: Region; now?: number }): ConsoleIdentity {
  if (!trust || trust.keys.size === 0) return refuse('console_not_trusted', 'this node trusts no console key (MERIDIAN_CONSOLE_PUBLIC_KEYS)');
  if (!token) return refuse('missing', 'a console identity assertion is required');
  if (token.length > MAX_ASSERTION_LENGTH) return refuse('malformed', 'the console assertion is too long');
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== ASSERTION_PREFIX) return refuse('malformed', 'the console assertion is not mca1.<payload>.<signature>');
  const body = strictBase64url(parts[1]);
  const signature = strictBase64url(parts[2]);
  if (!body || !signature || signature.length !== 64) return refuse('malformed', 'the console assertion is not valid base64url');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return refuse('malformed', 'the console assertion payload is not JSON');
  }
  const parsed = consoleAssertionPayloadSchema.safeParse(json);
  if (!parsed.success) return refuse('malformed', 'the console assertion payload has the wrong shape');
  const p = parsed.data;
  const key = trust.keys.get(p.kid);
  if (!key) return refuse('unknown_key', 'the console assertion is signed by a key this node does not trust');
  if (!verify(null, Buffer.from(ASSERTION_SIGNING_DOMAIN + parts[1]), key, signature)) return refuse('bad_signature', 'the console assertion signature is invalid');
  if (p.aud !== opts.audience) return refuse('wrong_audience', `the console assertion is for another region node`);
  if (p.exp <= p.iat || p.exp - p.iat > MAX_ASSERTION_LIFETIME_MS) return refuse('lifetime_too_long', 'a console assertion lives at most 60 s');
  const now = opts.now ?? Date.now();
  if (p.iat > now + CLOCK_SKEW_MS) return refuse('not_yet_valid', 'the console assertion is issued in the future');
  if (now > p.exp + CLOCK_SKEW_MS) return refuse('expired', 'the console assertion has expired');
  if (!trust.nonces.claim(p.nonce, p.exp + CLOCK_SKEW_MS, now)) return refuse('replayed', 'the console assertion was already used');
  return {
    userId: p.sub,
    sessionId: p.sid,
    grants: p.grants,
    audience: p.aud,
    keyId: p.kid,
    issuedAt: new Date(p.iat),
    expiresAt: new Date(p.exp),
  };
}
