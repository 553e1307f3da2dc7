import { randomUUID } from 'node:crypto';
import type { CertificateIdentity } from '@meridian/core/pki/index.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { RegionNode } from '../../node/region-node.ts';
import type { Notifier } from '../notifier.ts';
import { fileRightsRequest } from '../file-rights-request.ts';
import { requestDeadlines } from '../request-deadlines.ts';
import { rightsRequests, recordRequestEvents, requestEvent } from '../rights-request.repository.ts';
import { rightsMetrics } from '../rights-metrics.ts';
import type { ForwardAnswer, ForwardInput } from './peer-protocol.ts';
import { assertRequester } from './assert-requester.ts';
import { lookupTags } from './lookup-tags.repository.ts';
import { originRequests } from './origin-requests.repository.ts';
import { crossRegionMetrics } from './cross-region-metrics.ts';

/** How far a forwarded receipt time may lie in the future (clock skew) or the past (a forward retried for days). */
const MAX_SKEW_MS = 5 * 60_000;
const MAX_AGE_MS = 45 * 86_400_000;

function validTimes(node: RegionNode, input: ForwardInput): { receivedAt: Date; originDeadline: Date } {
  const receivedAt = new Date(input.receivedAt);
  const originDeadline = new Date(input.statutoryDeadline);
  const now = node.now().getTime();
  if (receivedAt.getTime() > now + MAX_SKEW_MS || receivedAt.getTime() < now - MAX_AGE_MS) {
    throw new MeridianError('BAD_INPUT', 'receivedAt is out of range', { field: 'receivedAt' });
  }
  if (originDeadline.getTime() <= receivedAt.getTime()) throw new MeridianError('BAD_INPUT', 'the deadline precedes the receipt', { field: 'statutoryDeadline' });
  return { receivedAt, originDeadline };
}

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';

/**
 * A peer region's forwarded request, at a region that may or may not be the
 * subject's home. The tag is matched against this region's lookup tags:
 *
 * - one subject: this region files its own request (state `received`, origin
 *   = the peer and its request id), under the subject's jurisdiction, with the
 *   earlier of the two statutory deadlines counted from the original receipt;
 *   the one-time code goes to the contact ON FILE here, so the requester must
 *   control it. The DPO here approves and the worker executes, as for any request.
 * - several subjects sharing the contact: the request is filed and denied
 *   (`ambiguous_subject`): the subject must file here with their customer id.
 * - none: nothing is stored but a ledger entry of the lookup.
 *
 * Either way the answer has the same shape and length; the tag is not stored.
 * A repeated forward (a retry) returns the request it already created.
 *
 * @example
 * const answer = await acceptForwardedRequest(node, peer, input, { notifier: outboxNotifier(node) }); // { match: 1, requestId }
 */
export async function acceptForwardedRequest(node: RegionNode, peer: CertificateIdentity, input: ForwardInput, opts: { notifier: Notifier }): Promise<ForwardAnswer> {
  assertRequester(node, peer, input.requesterRegion);
  const key = node.crossRegion?.lookupKey;
  if (!key) throw new MeridianError('UNAVAILABLE', 'this node holds no federation lookup key', { reason: 'no_lookup_key' });
  if (input.keyId !== key.id) throw new MeridianError('CONFLICT', 'the tag was made under another federation lookup key', { reason: 'lookup_key_mismatch', keyId: key.id, offeredKeyId: input.keyId });
  const tag = new Uint8Array(Buffer.from(input.tag, 'base64url'));
  if (tag.length !== 32) throw new MeridianError('BAD_INPUT', 'the tag is not 32 bytes', { field: 'tag' });
  const { receivedAt, originDeadline } = validTimes(node, input);
  const origin = { region: peer.region, requestId: input.requestId };
  const metrics = crossRegionMetrics(node.metrics.registry);

  const run = () =>
    node.db.transaction().execute(async (trx): Promise<ForwardAnswer & { created: boolean }> => {
      const existing = await originRequests.find(trx, origin.region, origin.requestId);
      if (existing) return { match: 1, requestId: existing.id, created: false };
      const matches = await lookupTags.subjectsWith(trx, key, input.channel, tag);
      const now = node.now();
      if (!matches.length) {
        await recordRequestEvents(node, trx, [requestEvent('rights_request', origin.requestId, now, { action: 'peer_lookup', from: origin.region, result: 'not_here' })]);
        return { match: 0, requestId: randomUUID(), created: false };
      }
      const subject = await trx.selectFrom('subjects').select(['id', 'jurisdiction', 'email_ct', 'phone_ct']).where('id', '=', matches[0]!).executeTakeFirstOrThrow();
      const home = requestDeadlines(node.policy, subject.jurisdiction, receivedAt);
      // The subject asked at receivedAt; whichever law gives the earlier deadline sets it.
      const statutory = originDeadline < home.statutory ? originDeadline : home.statutory;
      const id = randomUUID();
      const unique = matches.length === 1;
      await fileRightsRequest(
        node,
        trx,
        {
          id, type: input.type, jurisdiction: subject.jurisdiction, actor: `peer:${origin.region}`, receivedAt, deadlines: { statutory, target: home.target },
          channel: input.channel,
          subject: unique ? { id: subject.id, channel: input.channel, contactCt: input.channel === 'email' ? subject.email_ct : subject.phone_ct, contactMatches: true } : undefined,
          details: input.purposes ? { purposes: input.purposes } : undefined,
          origin,
        },
        opts.notifier,
      );
      if (!unique) {
        await rightsRequests.transition(trx, await rightsRequests.getForUpdate(trx, id), 'denied', { denied_at: now, deny_reason: 'ambiguous_subject' });
        await recordRequestEvents(node, trx, [requestEvent('rights_request', id, now, { action: 'denied', reason: 'ambiguous_subject' })]);
      }
      return { match: 1, requestId: id, created: true };
    });

  let answer: ForwardAnswer & { created: boolean };
  try {
    answer = await run();
  } catch (e) {
    // Two deliveries of one forward raced: the other one filed it.
    if (!isUniqueViolation(e)) throw e;
    answer = await run();
  }
  const result = answer.match ? 'accepted' : 'not_here';
  metrics.lookups.inc({ from: origin.region, result });
  if (answer.created) rightsMetrics(node.metrics.registry).received.inc({ type: input.type });
  node.logger.info({ from: origin.region, originRequestId: origin.requestId, result, requestId: answer.match ? answer.requestId : undefined }, 'forwarded rights request looked up');
  return { match: answer.match, requestId: answer.requestId };
}
