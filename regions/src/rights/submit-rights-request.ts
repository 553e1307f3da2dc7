import { randomUUID } from 'node:crypto';
import { blindIndex } from '@meridian/core/crypto/blind-index.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { RegionNode } from '../node/region-node.ts';
import type { Notifier } from './notifier.ts';
import { rightsRequestInputSchema, type RightsRequestInput, type ValidRightsRequestInput } from './rights-request-input.ts';
import { requestDeadlines } from './request-deadlines.ts';
import { fileRightsRequest } from './file-rights-request.ts';
import { queueForward } from './cross-region/queue-forward.ts';
import { rightsMetrics } from './rights-metrics.ts';

const same = (a: Uint8Array | null, b: Uint8Array) => !!a && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

export interface SubmittedRightsRequest {
  requestId: string;
  status: 'received';
  jurisdiction: string;
  statutoryDeadline: Date;
  target: Date;
  /**
   * Only when the requester asked for forwarding: `local` when this region has
   * the customer, `queued` when the request waits to be offered to the other
   * regions (see `cross-region/deliver-forward.ts`).
   */
  forwarding?: 'local' | 'queued';
}

/** The law a request is received under: the subject's, else the requester's country's here, else the profile's first. */
function intakeJurisdiction(node: RegionNode, input: ValidRightsRequestInput, subjectJurisdiction: string | undefined): string {
  if (subjectJurisdiction) return subjectJurisdiction;
  if (input.country) {
    try {
      return node.policy.checkResidency(node.region, input.country).code;
    } catch (e) {
      // A requester from a country another region serves is expected when forwarding; the request is received here under this region's law.
      if (!(input.forward && e instanceof MeridianError && e.code === 'RESIDENCY_VIOLATION')) throw e;
    }
  }
  return node.policy.profile.jurisdictions[0]!.code;
}

/**
 * Files a rights request and starts identity verification: a one-time code
 * goes to the subject's contact on file, and only when the contact the
 * requester gave matches it (compared by blind index). The answer is the same
 * whether or not a subject or contact matched, so intake cannot be used to
 * probe who is a customer; an unmatched request simply cannot be verified.
 * The code is stored only as an HMAC and never logged.
 *
 * With `forward: true` and no local customer of that id, the request is also
 * queued for the other regions (the lookup tag of the contact, never the
 * contact), in the same transaction; the answer then says so, which a DPO's
 * tool needs and which is why forwarding is asked for explicitly.
 *
 * @example
 * const r = await submitRightsRequest(node, { type: 'erasure', externalId: 'cust-42', contact: { channel: 'email', value: 'ana@example.org' } }, { notifier, actor: 'api:console' });
 */
export async function submitRightsRequest(node: RegionNode, raw: RightsRequestInput, opts: { notifier: Notifier; actor: string }): Promise<SubmittedRightsRequest> {
  const input = rightsRequestInputSchema.parse(raw);
  if (input.forward && !node.crossRegion) {
    throw new MeridianError('UNAVAILABLE', 'this node holds no federation lookup key, so it cannot forward requests to other regions', { reason: 'no_lookup_key' });
  }
  const bik = node.keyring.blindIndexKey;
  const subject = await node.db
    .selectFrom('subjects')
    .select(['id', 'jurisdiction', 'email_bidx', 'phone_bidx', 'email_ct', 'phone_ct'])
    .where('external_ref_bidx', '=', blindIndex(bik, 'external_ref', input.externalId))
    .executeTakeFirst();
  const claimed = blindIndex(bik, input.contact.channel, input.contact.value);
  const onFile = subject ? (input.contact.channel === 'email' ? subject.email_bidx : subject.phone_bidx) : null;
  const onFileCt = subject ? (input.contact.channel === 'email' ? subject.email_ct : subject.phone_ct) : null;
  const jurisdiction = intakeJurisdiction(node, input, subject?.jurisdiction);

  const id = randomUUID();
  const receivedAt = node.now();
  const deadlines = requestDeadlines(node.policy, jurisdiction, receivedAt);
  const forwarding = input.forward ? (subject ? 'local' : 'queued') : undefined;
  await node.db.transaction().execute(async (trx) => {
    await fileRightsRequest(
      node,
      trx,
      {
        id, type: input.type, jurisdiction, actor: opts.actor, receivedAt, deadlines, channel: input.contact.channel,
        subject: subject ? { id: subject.id, channel: input.contact.channel, contactCt: onFileCt, contactMatches: !!onFileCt && same(onFile, claimed) } : undefined,
        details: input.rectification ?? (input.purposes ? { purposes: input.purposes } : undefined),
      },
      opts.notifier,
    );
    if (forwarding === 'queued') await queueForward(node, trx, { requestId: id, contact: input.contact, purposes: input.purposes });
  });
  rightsMetrics(node.metrics.registry).received.inc({ type: input.type });
  node.logger.info({ requestId: id, type: input.type, jurisdiction, forwarding }, 'rights request received');
  return { requestId: id, status: 'received', jurisdiction, statutoryDeadline: deadlines.statutory, target: deadlines.target, ...(forwarding ? { forwarding } : {}) };
}
