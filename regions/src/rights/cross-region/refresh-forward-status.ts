import type { Region } from '@meridian/core/policy/region-profile.ts';
import type { RegionNode } from '../../node/region-node.ts';
import { recordRequestEvents, requestEvent } from '../rights-request.repository.ts';
import { forwards } from './forwards.repository.ts';
import { peerCallFailure } from './peer-call-failure.ts';

const CALL_TIMEOUT_MS = 15_000;

/**
 * Polls the home region of forwarded requests for their status (state,
 * deadline, closed denial code; nothing personal) and records changes, each
 * on this region's ledger. One request, or every accepted forward whose home
 * request is still open (the node's rights loop).
 *
 * @example
 * await refreshForwardStatus(node, requestId); // { checked: 1, changed: 1, failed: 0 }
 */
export async function refreshForwardStatus(node: RegionNode, requestId?: string, opts: { limit?: number; minIntervalMs?: number } = {}): Promise<{ checked: number; changed: number; failed: number }> {
  const peers = node.crossRegion?.peers;
  const out = { checked: 0, changed: 0, failed: 0 };
  if (!peers) return out;
  const targets = requestId
    ? (await node.db.selectFrom('rights_forward_peers').select(['request_id', 'peer_region']).where('request_id', '=', requestId).where('answer', '=', 'accepted').execute()).map((r) => ({ requestId: r.request_id, region: r.peer_region }))
    : await forwards.open(node.db, opts.limit ?? 100, new Date(node.now().getTime() - (opts.minIntervalMs ?? 60_000)));
  for (const t of targets) {
    if (!peers.regions.includes(t.region as Region)) continue;
    out.checked++;
    let s;
    try {
      s = await peers.client(t.region as Region).status.query({ requesterRegion: node.region, requestId: t.requestId }, { signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
    } catch (e) {
      out.failed++;
      node.logger.warn({ requestId: t.requestId, peer: t.region, code: peerCallFailure(e).code }, 'forwarded request status unavailable');
      continue;
    }
    await node.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('rights_forward_peers').select(['peer_status', 'peer_deny_reason']).where('request_id', '=', t.requestId).where('peer_region', '=', t.region).forUpdate().executeTakeFirstOrThrow();
      const now = node.now();
      await trx
        .updateTable('rights_forward_peers')
        .set({ peer_status: s.status, peer_deny_reason: s.denyReason, peer_deadline_at: new Date(s.extendedDeadline ?? s.statutoryDeadline), status_checked_at: now })
        .where('request_id', '=', t.requestId)
        .where('peer_region', '=', t.region)
        .execute();
      if (before.peer_status !== s.status || before.peer_deny_reason !== s.denyReason) {
        out.changed++;
        await recordRequestEvents(node, trx, [requestEvent('rights_request', t.requestId, now, { action: 'forward_status', peer: t.region, status: s.status, ...(s.denyReason ? { reason: s.denyReason } : {}) })]);
      }
    });
  }
  return out;
}
