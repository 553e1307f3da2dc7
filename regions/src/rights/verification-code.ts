import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/** Six digits: 10^6 codes. With MAX_ATTEMPTS wrong tries before lockout, a guesser succeeds with probability ≤ 5 / 10^6. */
export const CODE_SPACE = 1_000_000;
export const MAX_ATTEMPTS = 5;
export const CODE_TTL_MS = 15 * 60_000;

/** A fresh uniformly random six-digit code. */
export function newVerificationCode(): string {
  return String(randomInt(0, CODE_SPACE)).padStart(6, '0');
}

function codeKey(blindIndexKey: Uint8Array): Buffer {
  return createHmac('sha256', blindIndexKey).update('meridian-rights-code-key/v1').digest();
}

/**
 * What is stored instead of the code: HMAC-SHA-256 under a region-derived key,
 * bound to the request (a code for one request is worthless for another).
 *
 * @example
 * codeHmac(key, requestId, '042917'); // 32 bytes
 */
export function codeHmac(blindIndexKey: Uint8Array, requestId: string, code: string): Uint8Array {
  return new Uint8Array(createHmac('sha256', codeKey(blindIndexKey)).update(requestId).update('\0').update(code).digest());
}

/** Constant-time comparison of a presented code with the stored HMAC. */
export function codeMatches(blindIndexKey: Uint8Array, requestId: string, code: string, stored: Uint8Array): boolean {
  const h = codeHmac(blindIndexKey, requestId, code);
  return h.length === stored.length && timingSafeEqual(h, stored);
}
