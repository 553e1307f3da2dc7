import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { Region } from '@meridian/core/policy/region-profile.ts';
import type { RegionNode } from '../../node/region-node.ts';
import { rightsRequests, recordRequestEvents, requestEvent } from '../rights-request.repository.ts';
import type { NodeEvent } from '../../node/event-recorder.ts';
import { rightsMetrics } from '../rights-metrics.ts';
import type { ForwardAnswer, ForwardInput } from './peer-protocol.ts';
import { forwards, type ForwardView } from './forwards.repository.ts';
import { peerCallFailure, type PeerCallFailure } from './peer-call-failure.ts';
import { crossRegionMetrics } from './cross-region-metrics.ts';

/** How long one peer call may take before it counts as unreachable. */
const CALL_TIMEOUT_MS = 15_000;
const backoffMs = (attempts: number) => Math.min(3_600_000, 30_000 * 2 ** attempts);

type Outcome = { region: Region; answer: ForwardAnswer } | { region: Region; failure: PeerCallFailure };

/**
 * Offers a queued request to every peer region that has not answered yet,
 * over mTLS: type, jurisdiction, receipt time and deadline, and the lookup tag
 * (never the contact). Answers are recorded as they come; once every peer has
 * answered the tag is erased (set to null). The local request becomes
 * `forwarded` as soon as a region accepts it (its DPO takes over there), or is
 * denied `subject_not_found` when every region answered "not here". Peers that
 * could not be reached (or asked to slow down) are retried with back-off by
 * `deliverDueForwards`. Every answer goes on this region's ledger.
 *
 * @example
 * const view = await deliverForward(node, requestId); // { state: 'delivered', peers: [{ region: 'sea', answer: 'accepted', peerRequestId }, ...] }
 */
export async function deliverForward(node: RegionNode, requestId: string): Promise<ForwardView> {
  const peers = node.crossRegion?.peers;
  const f = await node.db.selectFrom('rights_forwards').select(['channel', 'tag', 'key_id', 'purposes', 'state', 'attempts']).where('request_id', '=', requestId).executeTakeFirst();
  if (!f) throw new MeridianError('NOT_FOUND', 'that request was not forwarded', { requestId });
  const request = await rightsRequests.get(node.db, requestId);
  const answered = new Set((await node.db.selectFrom('rights_forward_peers').select('peer_region').where('request_id', '=', requestId).execute()).map((p) => p.peer_region));
  const cancelled = request.status === 'denied';
  const ask = f.state === 'pending' && f.tag && !cancelled && peers ? peers.regions.filter((r) => !answered.has(r)) : [];

  const input: Omit<ForwardInput, 'requesterRegion'> | undefined = f.tag
    ? {
        requestId,
        type: request.type as ForwardInput['type'],
        channel: f.channel,
        tag: Buffer.from(f.tag).toString('base64url'),
        keyId: f.key_id,
        jurisdiction: request.jurisdiction,
        receivedAt: request.received_at.toISOString(),
        statutoryDeadline: request.statutory_deadline_at.toISOString(),
        ...(f.purposes ? { purposes: f.purposes as ForwardInput['purposes'] } : {}),
      }
    : undefined;
  const outcomes: Outcome[] = await Promise.all(
    ask.map(async (region): Promise<Outcome> => {
      try {
        const answer = await peers!.client(region).forward.mutate({ ...input!, requesterRegion: node.region }, { signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
        return { region, answer };
      } catch (e) {
        return { region, failure: peerCallFailure(e) };
      }
    }),
  );

  const metrics = crossRegionMetrics(node.metrics.registry);
  await node.db.transaction().execute(async (trx) => {
    const now = node.now();
    const locked = await trx.selectFrom('rights_forwards').select(['state', 'attempts']).where('request_id', '=', requestId).forUpdate().executeTakeFirstOrThrow();
    const events: NodeEvent[] = [];
    for (const o of outcomes) {
      const answer = 'answer' in o ? (o.answer.match === 1 ? 'accepted' : 'not_here') : o.failure.kind === 'refused' ? 'refused' : undefined;
      metrics.forwards.inc({ peer: o.region, answer: answer ?? 'unreachable' });
      if (!answer) continue;
      const inserted = await trx
        .insertInto('rights_forward_peers')
        .values({
          request_id: requestId,
          peer_region: o.region,
          answer,
          refusal: 'failure' in o ? o.failure.code : null,
          peer_request_id: answer === 'accepted' && 'answer' in o ? o.answer.requestId : null,
          peer_status: answer === 'accepted' ? 'received' : null,
          peer_deny_reason: null,
          peer_deadline_at: null,
          answered_at: now,
          status_checked_at: null,
        })
        .onConflict((oc) => oc.columns(['request_id', 'peer_region']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 1) === 0) continue;
      events.push(
        requestEvent('rights_request', requestId, now, {
          action: 'forward_answer',
          peer: o.region,
          answer,
          ...(answer === 'accepted' && 'answer' in o ? { peerRequestId: o.answer.requestId } : {}),
          ...('failure' in o ? { refusal: o.failure.code } : {}),
        }),
      );
    }
    const rows = await trx.selectFrom('rights_forward_peers').select(['peer_region', 'answer']).where('request_id', '=', requestId).execute();
    const everyone = !!peers && peers.regions.every((r) => rows.some((p) => p.peer_region === r));
    const accepted = rows.filter((p) => p.answer === 'accepted').map((p) => p.peer_region);
    const unreachable = outcomes.flatMap((o) => ('failure' in o && o.failure.kind === 'unreachable' ? [o.failure.code] : []));
    if (locked.state === 'pending' && (cancelled || everyone)) {
      // Every peer has answered (or the request was denied here first): the tag has served its purpose.
      await trx.updateTable('rights_forwards').set({ state: 'delivered', tag: null, last_error: null, updated_at: now }).where('request_id', '=', requestId).execute();
      events.push(requestEvent('rights_request', requestId, now, { action: 'forward_delivered', accepted: accepted.length, answered: rows.length }));
    } else if (locked.state === 'pending' && unreachable.length) {
      await trx
        .updateTable('rights_forwards')
        .set({ attempts: locked.attempts + 1, last_error: unreachable[0]!, next_attempt_at: new Date(now.getTime() + backoffMs(locked.attempts)), updated_at: now })
        .where('request_id', '=', requestId)
        .execute();
    }
    const current = await rightsRequests.getForUpdate(trx, requestId);
    if (current.status === 'received' && accepted.length) {
      await rightsRequests.transition(trx, current, 'forwarded', {});
      events.push(requestEvent('rights_request', requestId, now, { action: 'forwarded', to: accepted.sort().join(',') }));
    } else if (current.status === 'received' && everyone && !accepted.length && !rows.some((p) => p.answer === 'refused')) {
      // A refusal is a configuration problem the DPO must see: such a request stays open (and alarms) until they act.
      await rightsRequests.transition(trx, current, 'denied', { denied_at: now, deny_reason: 'subject_not_found' });
      events.push(requestEvent('rights_request', requestId, now, { action: 'denied', reason: 'subject_not_found' }));
      rightsMetrics(node.metrics.registry).closed.inc({ type: 'any', outcome: 'denied' });
    }
    await recordRequestEvents(node, trx, events);
  });
  if (outcomes.length) node.logger.info({ requestId, asked: outcomes.map((o) => o.region), unreachable: outcomes.filter((o) => 'failure' in o && o.failure.kind === 'unreachable').length }, 'rights request forwarded');
  return (await forwards.view(node.db, requestId))!;
}

/**
 * Delivers every queued forward that is due (the node's rights loop runs it).
 *
 * @example
 * await deliverDueForwards(node); // { attempted: 2 }
 */
export async function deliverDueForwards(node: RegionNode, opts: { limit?: number } = {}): Promise<{ attempted: number }> {
  if (!node.crossRegion?.peers) return { attempted: 0 };
  const due = await forwards.due(node.db, node.now(), opts.limit ?? 50);
  for (const id of due) await deliverForward(node, id);
  return { attempted: due.length };
}
