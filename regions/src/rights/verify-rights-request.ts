import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { RegionNode } from '../node/region-node.ts';
import { codeMatches } from './verification-code.ts';
import { rightsRequests, recordRequestEvents, requestEvent } from './rights-request.repository.ts';
import { rightsMetrics } from './rights-metrics.ts';

type Outcome = { ok: true } | { ok: false; reason: 'wrong_code' | 'expired' | 'locked' | 'not_pending'; attemptsLeft: number };

/**
 * Checks a one-time code. A wrong code counts an attempt; at the limit the
 * verification locks and the request is denied (`identity_not_verified`), so
 * no number of guesses beyond the limit is ever compared. An expired code
 * denies the request (`verification_expired`). The attempt is committed before
 * the failure is reported, so a failed call cannot be retried for free.
 * Throws FORBIDDEN on any failure; the code is never logged.
 *
 * @example
 * await verifyRightsRequest(node, requestId, '042917'); // request becomes 'verified'
 */
export async function verifyRightsRequest(node: RegionNode, requestId: string, code: string): Promise<{ requestId: string; status: 'verified' }> {
  const metrics = rightsMetrics(node.metrics.registry);
  const outcome = await node.db.transaction().execute(async (trx): Promise<Outcome> => {
    const request = await rightsRequests.getForUpdate(trx, requestId);
    const v = await trx
      .selectFrom('rights_verifications')
      .select(['subject_id', 'code_hmac', 'expires_at', 'attempts', 'max_attempts', 'locked_at', 'verified_at'])
      .where('request_id', '=', requestId)
      .forUpdate()
      .executeTakeFirst();
    if (!v || request.status !== 'received') return { ok: false, reason: 'not_pending', attemptsLeft: 0 };
    const now = node.now();
    if (v.locked_at) return { ok: false, reason: 'locked', attemptsLeft: 0 };
    if (now.getTime() > v.expires_at.getTime()) {
      await trx.updateTable('rights_verifications').set({ locked_at: now }).where('request_id', '=', requestId).execute();
      await rightsRequests.transition(trx, request, 'denied', { denied_at: now, deny_reason: 'verification_expired' });
      await recordRequestEvents(node, trx, [requestEvent('rights_request', requestId, now, { action: 'denied', reason: 'verification_expired' })]);
      return { ok: false, reason: 'expired', attemptsLeft: 0 };
    }
    // A request whose contact did not match has no subject here: it can never verify.
    const good = /^[0-9]{6}$/.test(code) && v.subject_id !== null && codeMatches(node.keyring.blindIndexKey, requestId, code, v.code_hmac);
    if (good) {
      await trx.updateTable('rights_verifications').set({ verified_at: now }).where('request_id', '=', requestId).execute();
      await rightsRequests.transition(trx, request, 'verified', { verified_at: now });
      await recordRequestEvents(node, trx, [requestEvent('rights_request', requestId, now, { action: 'verified' })]);
      return { ok: true };
    }
    const attempts = v.attempts + 1;
    const locked = attempts >= v.max_attempts;
    await trx.updateTable('rights_verifications').set({ attempts, locked_at: locked ? now : null }).where('request_id', '=', requestId).execute();
    if (locked) {
      await rightsRequests.transition(trx, request, 'denied', { denied_at: now, deny_reason: 'identity_not_verified' });
      await recordRequestEvents(node, trx, [requestEvent('rights_request', requestId, now, { action: 'denied', reason: 'identity_not_verified' })]);
      return { ok: false, reason: 'locked', attemptsLeft: 0 };
    }
    return { ok: false, reason: 'wrong_code', attemptsLeft: v.max_attempts - attempts };
  });
  if (!outcome.ok) {
    metrics.verificationFailures.inc({ reason: outcome.reason });
    if (outcome.reason === 'locked' || outcome.reason === 'expired') metrics.closed.inc({ type: 'any', outcome: 'denied' });
    node.logger.warn({ requestId, reason: outcome.reason }, 'rights request verification failed');
    const message = {
      wrong_code: 'the code is wrong',
      expired: 'the code has expired; the request is denied, file a new one',
      locked: 'too many wrong codes; the request is denied, file a new one',
      not_pending: 'the request is not awaiting verification',
    }[outcome.reason];
    throw new MeridianError('FORBIDDEN', message, { requestId, reason: outcome.reason, attemptsLeft: outcome.attemptsLeft });
  }
  return { requestId, status: 'verified' };
}
