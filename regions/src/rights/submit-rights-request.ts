import { randomBytes, randomUUID } from 'node:crypto';
import { blindIndex } from '@meridian/core/crypto/blind-index.ts';
import { openField, sealField } from '@meridian/core/crypto/field-cipher.ts';
import { fieldAad } from '../subjects/subject.repository.ts';
import type { RegionNode } from '../node/region-node.ts';
import type { Notifier } from './notifier.ts';
import { rightsRequestInputSchema, type RightsRequestInput } from './rights-request-input.ts';
import { requestDeadlines } from './request-deadlines.ts';
import { rightsRequests, recordRequestEvents, requestEvent } from './rights-request.repository.ts';
import { subjectDataKey } from '../subjects/subject-data-keys.ts';
import { codeHmac, newVerificationCode, CODE_TTL_MS, MAX_ATTEMPTS } from './verification-code.ts';
import { rightsMetrics } from './rights-metrics.ts';

const same = (a: Uint8Array | null, b: Uint8Array) => !!a && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

export interface SubmittedRightsRequest {
  requestId: string;
  status: 'received';
  jurisdiction: string;
  statutoryDeadline: Date;
  target: Date;
}

/**
 * Files a rights request and starts identity verification: a one-time code
 * goes to the subject's contact on file, and only when the contact the
 * requester gave matches it (compared by blind index). The answer is the same
 * whether or not a subject or contact matched, so intake cannot be used to
 * probe who is a customer; an unmatched request simply cannot be verified.
 * The code is stored only as an HMAC and never logged.
 *
 * @example
 * const r = await submitRightsRequest(node, { type: 'erasure', externalId: 'cust-42', contact: { channel: 'email', value: 'ana@example.org' } }, { notifier, actor: 'api:console' });
 */
export async function submitRightsRequest(node: RegionNode, raw: RightsRequestInput, opts: { notifier: Notifier; actor: string }): Promise<SubmittedRightsRequest> {
  const input = rightsRequestInputSchema.parse(raw);
  const bik = node.keyring.blindIndexKey;
  const subject = await node.db
    .selectFrom('subjects')
    .select(['id', 'jurisdiction', 'email_bidx', 'phone_bidx', 'email_ct', 'phone_ct'])
    .where('external_ref_bidx', '=', blindIndex(bik, 'external_ref', input.externalId))
    .executeTakeFirst();
  const claimed = blindIndex(bik, input.contact.channel, input.contact.value);
  const onFile = subject ? (input.contact.channel === 'email' ? subject.email_bidx : subject.phone_bidx) : null;
  const onFileCt = subject ? (input.contact.channel === 'email' ? subject.email_ct : subject.phone_ct) : null;
  const contactMatches = !!subject && !!onFileCt && same(onFile, claimed);

  let jurisdiction: string;
  if (subject) jurisdiction = subject.jurisdiction;
  else if (input.country) jurisdiction = node.policy.checkResidency(node.region, input.country).code;
  else jurisdiction = node.policy.profile.jurisdictions[0]!.code;

  const id = randomUUID();
  const receivedAt = node.now();
  const deadlines = requestDeadlines(node.policy, jurisdiction, receivedAt);
  await node.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('rights_requests')
      .values({
        id, type: input.type, status: 'received', jurisdiction, requested_by: opts.actor, received_at: receivedAt,
        statutory_deadline_at: deadlines.statutory, target_at: deadlines.target, extended_deadline_at: null, extension_reason: null,
        extended_by: null, verified_at: null, approved_at: null, approved_by: null, executing_at: null, completed_at: null,
        denied_at: null, deny_reason: null, outcome: null,
      })
      .execute();
    const dek = subject ? await subjectDataKey(node, trx, subject.id) : undefined;
    if (subject && dek) {
      const details = input.rectification ?? (input.purposes ? { purposes: input.purposes } : undefined);
      await trx
        .insertInto('rights_request_subjects')
        .values({
          request_id: id,
          subject_id: subject.id,
          details_ct: details ? sealField(dek, JSON.stringify(details), fieldAad('rights_request_subjects', 'details_ct', subject.id, id)) : null,
        })
        .execute();
    }
    const code = newVerificationCode();
    // With no matching contact a code nobody was told is stored, so this path looks and costs the same.
    const stored = contactMatches && dek ? codeHmac(bik, id, code) : new Uint8Array(randomBytes(32));
    await trx
      .insertInto('rights_verifications')
      .values({
        request_id: id, subject_id: contactMatches ? subject!.id : null, channel: input.contact.channel, code_hmac: stored,
        expires_at: new Date(receivedAt.getTime() + CODE_TTL_MS), max_attempts: MAX_ATTEMPTS, locked_at: null, verified_at: null,
      })
      .execute();
    if (contactMatches && dek) {
      const to = openField(dek, onFileCt!, fieldAad('subjects', `${input.contact.channel}_ct`, subject!.id));
      await opts.notifier.send(trx, {
        subjectId: subject!.id,
        channel: input.contact.channel,
        to,
        subject: `Your ${input.type.replace('_', ' ')} request`,
        body: `Your verification code is ${code}. It expires in ${CODE_TTL_MS / 60_000} minutes. If you did not make this request, ignore this message.`,
      });
    }
    await recordRequestEvents(node, trx, [requestEvent('rights_request', id, receivedAt, { action: 'received', type: input.type, jurisdiction })]);
  });
  rightsMetrics(node.metrics.registry).received.inc({ type: input.type });
  node.logger.info({ requestId: id, type: input.type, jurisdiction }, 'rights request received');
  return { requestId: id, status: 'received', jurisdiction, statutoryDeadline: deadlines.statutory, target: deadlines.target };
}
