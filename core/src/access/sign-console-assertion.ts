import { randomBytes, sign, createPublicKey, type KeyObject } from 'node:crypto';
import { MeridianError } from '../errors/meridian-error.ts';
import type { Region } from '../policy/region-profile.ts';
import type { ConsoleGrant } from './console-grant.ts';
import { consoleKeyId } from './console-key-id.ts';
import {
  ASSERTION_PREFIX, ASSERTION_SIGNING_DOMAIN, MAX_ASSERTION_LIFETIME_MS, consoleAssertionPayloadSchema, type ConsoleAssertionPayload,
} from './console-assertion.ts';

export interface ConsoleAssertionClaims {
  userId: string;
  sessionId: string;
  grants: readonly ConsoleGrant[];
  /** The region node the call goes to. */
  audience: Region;
}

/**
 * Signs a console identity assertion for one call to one region node
 * (`mca1.<payload>.<signature>`, base64url, Ed25519). Valid for `lifetimeMs`
 * (default and maximum 60 s) and only once (a fresh random nonce). The console
 * sends it in the `x-meridian-console-assertion` header.
 *
 * @example
 * const token = signConsoleAssertion(consoleKey, { userId: 'u-17', sessionId: 's-9f', grants: [{ role: 'dpo', region: 'eu' }], audience: 'eu' });
 * fetch(`${euUrl}/trpc/console.requests.queue`, { headers: { [CONSOLE_ASSERTION_HEADER]: token } });
 */
export function signConsoleAssertion(privateKey: KeyObject, claims: ConsoleAssertionClaims, opts: { now?: number; lifetimeMs?: number } = {}): string {
  const lifetime = opts.lifetimeMs ?? MAX_ASSERTION_LIFETIME_MS;
  if (!(lifetime > 0 && lifetime <= MAX_ASSERTION_LIFETIME_MS)) throw new MeridianError('BAD_INPUT', `an assertion lives 1 ms to ${MAX_ASSERTION_LIFETIME_MS} ms`, { lifetimeMs: lifetime });
  const iat = opts.now ?? Date.now();
  const parsed = consoleAssertionPayloadSchema.safeParse({
    v: 1,
    kid: consoleKeyId(createPublicKey(privateKey)),
    sub: claims.userId,
    sid: claims.sessionId,
    grants: claims.grants.map((g) => ({ role: g.role, region: g.region })),
    aud: claims.audience,
    iat,
    exp: iat + lifetime,
    nonce: randomBytes(18).toString('base64url'),
  });
  if (!parsed.success) throw new MeridianError('BAD_INPUT', 'invalid assertion claims', { fields: parsed.error.issues.map((i) => i.path.join('.')) });
  const payload: ConsoleAssertionPayload = parsed.data;
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const signature = sign(null, Buffer.from(ASSERTION_SIGNING_DOMAIN + body), privateKey).toString('base64url');
  return `${ASSERTION_PREFIX}.${body}.${signature}`;
}
