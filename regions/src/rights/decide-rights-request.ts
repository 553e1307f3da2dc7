import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { RegionNode } from '../node/region-node.ts';
import { rightsRequests, recordRequestEvents, requestEvent } from './rights-request.repository.ts';
import { rightsQueue } from './rights-queue.repository.ts';
import { extendedDeadline } from './request-deadlines.ts';
import { rightsMetrics } from './rights-metrics.ts';
import type { RightsRequestType } from './rights-request-type.ts';

/**
 * A DPO's decisions on a request: approve (only once identity is verified; it
 * then goes on the execution queue), deny with a note, or extend the deadline
 * once, within the law's extension, with a recorded reason. Each decision is
 * proven on the ledger in its own transaction.
 *
 * @example
 * await decideRightsRequest.approve(node, requestId, 'dpo:ana');
 * await decideRightsRequest.extend(node, requestId, 'dpo:ana', 30, 'complex request: 4 systems to search');
 */
export const decideRightsRequest = {
  async approve(node: RegionNode, requestId: string, actor: string): Promise<{ requestId: string; status: 'approved' }> {
    await node.db.transaction().execute(async (trx) => {
      const r = await rightsRequests.getForUpdate(trx, requestId);
      if (r.status !== 'verified') {
        // An unverified request never reaches the queue: this is what keeps a wrong contact from erasing anybody.
        throw new MeridianError('CONFLICT', `only a verified request can be approved (this one is ${r.status})`, { requestId, status: r.status });
      }
      const link = await trx.selectFrom('rights_request_subjects').select('subject_id').where('request_id', '=', requestId).executeTakeFirst();
      const v = await trx.selectFrom('rights_verifications').select(['verified_at', 'subject_id']).where('request_id', '=', requestId).executeTakeFirst();
      if (!link || !v?.verified_at || v.subject_id !== link.subject_id) {
        throw new MeridianError('CONFLICT', 'the request has no verified subject', { requestId });
      }
      const now = node.now();
      await rightsRequests.transition(trx, r, 'approved', { approved_at: now, approved_by: actor });
      await rightsQueue.enqueue(trx, { requestId, kind: r.type as RightsRequestType, subjectId: link.subject_id, at: now });
      await recordRequestEvents(node, trx, [requestEvent('rights_request', requestId, now, { action: 'approved', by: actor })]);
    });
    return { requestId, status: 'approved' };
  },

  async deny(node: RegionNode, requestId: string, actor: string, note: string): Promise<{ requestId: string; status: 'denied' }> {
    await node.db.transaction().execute(async (trx) => {
      const r = await rightsRequests.getForUpdate(trx, requestId);
      if (r.status === 'executing') throw new MeridianError('CONFLICT', 'an executing request cannot be denied', { requestId });
      const now = node.now();
      await rightsRequests.transition(trx, r, 'denied', { denied_at: now, deny_reason: `dpo_denied: ${note}`, approved_by: actor });
      await rightsQueue.remove(trx, [requestId]);
      await recordRequestEvents(node, trx, [requestEvent('rights_request', requestId, now, { action: 'denied', reason: 'dpo_denied', by: actor })]);
    });
    rightsMetrics(node.metrics.registry).closed.inc({ type: 'any', outcome: 'denied' });
    return { requestId, status: 'denied' };
  },

  async extend(node: RegionNode, requestId: string, actor: string, days: number, reason: string): Promise<{ requestId: string; deadline: Date }> {
    if (reason.trim().length < 10) throw new MeridianError('BAD_INPUT', 'an extension needs a reason (at least 10 characters)', { field: 'reason' });
    return node.db.transaction().execute(async (trx) => {
      const r = await rightsRequests.getForUpdate(trx, requestId);
      if (r.status === 'completed' || r.status === 'denied') throw new MeridianError('CONFLICT', `a ${r.status} request cannot be extended`, { requestId });
      if (r.extended_deadline_at) throw new MeridianError('CONFLICT', 'the deadline was already extended once', { requestId });
      const deadline = extendedDeadline(node.policy, r.jurisdiction, r.received_at, days);
      const now = node.now();
      await trx
        .updateTable('rights_requests')
        .set({ extended_deadline_at: deadline, extension_reason: reason.trim(), extended_by: actor })
        .where('id', '=', requestId)
        .where('extended_deadline_at', 'is', null)
        .execute();
      await recordRequestEvents(node, trx, [requestEvent('rights_request', requestId, now, { action: 'extended', days, by: actor })]);
      return { requestId, deadline };
    });
  },
};
