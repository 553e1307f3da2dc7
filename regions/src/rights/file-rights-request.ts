import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '@meridian/core/db/database.ts';
import { openField, sealField } from '@meridian/core/crypto/field-cipher.ts';
import { fieldAad } from '../subjects/subject.repository.ts';
import { subjectDataKey } from '../subjects/subject-data-keys.ts';
import type { RegionNode } from '../node/region-node.ts';
import type { Notifier } from './notifier.ts';
import type { RequestDeadlines } from './request-deadlines.ts';
import type { RightsRequestType } from './rights-request-type.ts';
import { recordRequestEvents, requestEvent } from './rights-request.repository.ts';
import { codeHmac, newVerificationCode, CODE_TTL_MS, MAX_ATTEMPTS } from './verification-code.ts';

/** Everything needed to file one request once intake (local or forwarded) has decided who it is about. */
export interface RightsRequestFiling {
  id: string;
  type: RightsRequestType;
  jurisdiction: string;
  actor: string;
  receivedAt: Date;
  deadlines: RequestDeadlines;
  /** The subject found, the channel of the contact the requester gave, and whether it is the contact on file. */
  subject?: { id: string; channel: 'email' | 'phone'; contactCt: Uint8Array | null; contactMatches: boolean };
  /** The channel a code would go to when no subject matched. */
  channel: 'email' | 'phone';
  /** Personal details of the request (sealed under the subject's data key). */
  details?: unknown;
  /** The region and request id a forwarded request came from. */
  origin?: { region: string; requestId: string };
}

/**
 * Writes a request in the caller's transaction: the request row, its link to
 * the subject, the one-time code (only an HMAC; sent to the contact on file
 * only when the requester's contact matched it, otherwise a random HMAC nobody
 * can match is stored so both paths look and cost the same) and the ledger
 * event. Shared by local intake and by requests forwarded from other regions.
 *
 * @example
 * await fileRightsRequest(node, trx, { id, type: 'erasure', jurisdiction, actor, receivedAt, deadlines, subject, channel: 'email' }, notifier);
 */
export async function fileRightsRequest(node: RegionNode, trx: Transaction<Database>, f: RightsRequestFiling, notifier: Notifier): Promise<void> {
  const bik = node.keyring.blindIndexKey;
  await trx
    .insertInto('rights_requests')
    .values({
      id: f.id, type: f.type, status: 'received', jurisdiction: f.jurisdiction, requested_by: f.actor, received_at: f.receivedAt,
      statutory_deadline_at: f.deadlines.statutory, target_at: f.deadlines.target, extended_deadline_at: null, extension_reason: null,
      extended_by: null, verified_at: null, approved_at: null, approved_by: null, executing_at: null, completed_at: null,
      denied_at: null, deny_reason: null, outcome: null, origin_region: f.origin?.region ?? null, origin_request_id: f.origin?.requestId ?? null,
    })
    .execute();
  const s = f.subject;
  const dek = s ? await subjectDataKey(node, trx, s.id) : undefined;
  if (s && dek) {
    await trx
      .insertInto('rights_request_subjects')
      .values({
        request_id: f.id,
        subject_id: s.id,
        details_ct: f.details ? sealField(dek, JSON.stringify(f.details), fieldAad('rights_request_subjects', 'details_ct', s.id, f.id)) : null,
      })
      .execute();
  }
  const code = newVerificationCode();
  const sendable = !!s && s.contactMatches && !!dek && !!s.contactCt;
  // With no matching contact a code nobody was told is stored, so this path looks and costs the same.
  const stored = sendable ? codeHmac(bik, f.id, code) : new Uint8Array(randomBytes(32));
  await trx
    .insertInto('rights_verifications')
    .values({
      request_id: f.id, subject_id: sendable ? s!.id : null, channel: s?.channel ?? f.channel, code_hmac: stored,
      expires_at: new Date(node.now().getTime() + CODE_TTL_MS), max_attempts: MAX_ATTEMPTS, locked_at: null, verified_at: null,
    })
    .execute();
  if (sendable) {
    const to = openField(dek!, s!.contactCt!, fieldAad('subjects', `${s!.channel}_ct`, s!.id));
    await notifier.send(trx, {
      subjectId: s!.id,
      channel: s!.channel,
      to,
      subject: `Your ${f.type.replace('_', ' ')} request`,
      body: `Your verification code is ${code}. It expires in ${CODE_TTL_MS / 60_000} minutes. If you did not make this request, ignore this message.`,
    });
  }
  const origin: Record<string, string> = f.origin ? { originRegion: f.origin.region, originRequestId: f.origin.requestId } : {};
  await recordRequestEvents(node, trx, [requestEvent('rights_request', f.id, f.receivedAt, { action: 'received', type: f.type, jurisdiction: f.jurisdiction, ...origin })]);
}
