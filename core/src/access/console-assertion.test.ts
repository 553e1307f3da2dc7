import { describe, it, expect } from 'vitest';
import { generateKeyPairSync, sign } from 'node:crypto';
import { signConsoleAssertion } from './sign-console-assertion.ts';
import { verifyConsoleAssertion } from './verify-console-assertion.ts';
import { consoleTrust, consoleTrustFromConfig } from './console-trust.ts';
import { rawEd25519PublicKey } from './console-key-id.ts';
import { ASSERTION_SIGNING_DOMAIN, MAX_ASSERTION_LIFETIME_MS } from './console-assertion.ts';

const consoleKeys = generateKeyPairSync('ed25519');
const claims = { userId: 'u-17', sessionId: 's-9f3', grants: [{ role: 'dpo', region: 'eu' }] as const, audience: 'eu' as const };
const T0 = Date.parse('2026-11-20T10:00:00Z');
const refusal = (reason: string) => expect.objectContaining({ code: 'UNAUTHENTICATED', status: 401, evidence: { reason } });
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
/** Re-signs a doctored payload with `key`, as an attacker holding that key would. */
const resign = (payload: unknown, key = consoleKeys.privateKey) => {
  const body = b64(payload);
  return `mca1.${body}.${sign(null, Buffer.from(ASSERTION_SIGNING_DOMAIN + body), key).toString('base64url')}`;
};

describe('console identity assertions', () => {
  it('a fresh assertion verifies once at its audience and yields the identity and grants', () => {
    const trust = consoleTrust([consoleKeys.publicKey]);
    const token = signConsoleAssertion(consoleKeys.privateKey, claims, { now: T0 });
    const who = verifyConsoleAssertion(token, trust, { audience: 'eu', now: T0 + 1_000 });
    expect(who).toMatchObject({ userId: 'u-17', sessionId: 's-9f3', grants: [{ role: 'dpo', region: 'eu' }], audience: 'eu' });
    expect(who.expiresAt.getTime() - who.issuedAt.getTime()).toBeLessThanOrEqual(MAX_ASSERTION_LIFETIME_MS);
    expect(() => verifyConsoleAssertion(token, trust, { audience: 'eu', now: T0 + 2_000 })).toThrow(refusal('replayed'));
  });

  it('refuses an expired one, one from the future, and one that claims to live longer than 60 s', () => {
    const trust = consoleTrust([consoleKeys.publicKey]);
    const token = signConsoleAssertion(consoleKeys.privateKey, claims, { now: T0, lifetimeMs: 30_000 });
    expect(() => verifyConsoleAssertion(token, trust, { audience: 'eu', now: T0 + 36_000 })).toThrow(refusal('expired'));
    expect(() => verifyConsoleAssertion(signConsoleAssertion(consoleKeys.privateKey, claims, { now: T0 + 60_000 }), trust, { audience: 'eu', now: T0 })).toThrow(refusal('not_yet_valid'));
    const long = { ...payloadOf(token), exp: T0 + 3_600_000 };
    expect(() => verifyConsoleAssertion(resign(long), trust, { audience: 'eu', now: T0 })).toThrow(refusal('lifetime_too_long'));
    expect(() => signConsoleAssertion(consoleKeys.privateKey, claims, { lifetimeMs: 61_000 })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });

  it('refuses another region’s assertion (wrong audience)', () => {
    const trust = consoleTrust([consoleKeys.publicKey]);
    const token = signConsoleAssertion(consoleKeys.privateKey, { ...claims, audience: 'sea' }, { now: T0 });
    expect(() => verifyConsoleAssertion(token, trust, { audience: 'eu', now: T0 })).toThrow(refusal('wrong_audience'));
  });

  it('refuses forgeries: a key the node does not trust, a doctored payload, a spliced signature', () => {
    const trust = consoleTrust([consoleKeys.publicKey]);
    const attacker = generateKeyPairSync('ed25519');
    expect(() => verifyConsoleAssertion(signConsoleAssertion(attacker.privateKey, claims, { now: T0 }), trust, { audience: 'eu', now: T0 })).toThrow(refusal('unknown_key'));
    const real = signConsoleAssertion(consoleKeys.privateKey, { ...claims, grants: [{ role: 'operator', region: 'eu' }] }, { now: T0 });
    // Self-promotion: operator → DPO, keeping the trusted key id and the genuine signature.
    const promoted = { ...payloadOf(real), grants: [{ role: 'dpo', region: 'eu' }] };
    expect(() => verifyConsoleAssertion(`mca1.${b64(promoted)}.${real.split('.')[2]}`, trust, { audience: 'eu', now: T0 })).toThrow(refusal('bad_signature'));
    // The attacker signs with their own key but claims the trusted key id.
    expect(() => verifyConsoleAssertion(resign(promoted, attacker.privateKey), trust, { audience: 'eu', now: T0 })).toThrow(refusal('bad_signature'));
    // A raw signature over the payload without the domain line (another protocol's signature) does not pass.
    const body = real.split('.')[1]!;
    expect(() => verifyConsoleAssertion(`mca1.${body}.${sign(null, Buffer.from(body), consoleKeys.privateKey).toString('base64url')}`, trust, { audience: 'eu', now: T0 })).toThrow(refusal('bad_signature'));
  });

  it('refuses malformed tokens, a missing one, and everything when no console key is configured', () => {
    const trust = consoleTrust([consoleKeys.publicKey]);
    const good = signConsoleAssertion(consoleKeys.privateKey, claims, { now: T0 });
    const [, body, sig] = good.split('.');
    for (const bad of ['', 'x', 'mca1..', `mca2.${body}.${sig}`, `mca1.${body}`, `mca1.${body}.${sig}.x`, `mca1.${body}=.${sig}`, `mca1.${body}.${sig}A`, `mca1.${b64('[1]')}.${sig}`, 'a'.repeat(9_000)]) {
      expect(() => verifyConsoleAssertion(bad || undefined, trust, { audience: 'eu', now: T0 })).toThrow(bad ? refusal('malformed') : refusal('missing'));
    }
    const extra = { ...payloadOf(good), role: 'admin' };
    expect(() => verifyConsoleAssertion(resign(extra), trust, { audience: 'eu', now: T0 })).toThrow(refusal('malformed'));
    expect(() => verifyConsoleAssertion(good, consoleTrust([]), { audience: 'eu', now: T0 })).toThrow(refusal('console_not_trusted'));
    expect(() => verifyConsoleAssertion(good, undefined, { audience: 'eu', now: T0 })).toThrow(refusal('console_not_trusted'));
  });

  it('signing refuses ids that could carry an e-mail address', () => {
    expect(() => signConsoleAssertion(consoleKeys.privateKey, { ...claims, userId: 'ana@example.org' })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });

  it('reads MERIDIAN_CONSOLE_PUBLIC_KEYS (base64 raw keys, several for a rotation) and refuses anything else', () => {
    const next = generateKeyPairSync('ed25519');
    const cfg = [consoleKeys.publicKey, next.publicKey].map((k) => rawEd25519PublicKey(k).toString('base64')).join(',');
    const trust = consoleTrustFromConfig(cfg);
    expect(trust.keys.size).toBe(2);
    expect(verifyConsoleAssertion(signConsoleAssertion(next.privateKey, claims, { now: T0 }), trust, { audience: 'eu', now: T0 }).userId).toBe('u-17');
    expect(consoleTrustFromConfig(undefined).keys.size).toBe(0);
    for (const bad of ['abc', Buffer.alloc(31).toString('base64'), rawEd25519PublicKey(next.publicKey).toString('base64url')]) {
      expect(() => consoleTrustFromConfig(bad)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    }
    expect(() => consoleTrust([consoleKeys.privateKey])).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});
