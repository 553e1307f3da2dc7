import type { DbOrTrx } from '@meridian/core/db/database.ts';

/** Where a forwarded request went and how it stands there, as the requesting region's DPO sees it. Nothing personal. */
export interface ForwardView {
  state: 'pending' | 'delivered';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  peers: {
    region: string;
    answer: 'accepted' | 'not_here' | 'refused';
    refusal: string | null;
    peerRequestId: string | null;
    peerStatus: string | null;
    peerDenyReason: string | null;
    peerDeadline: Date | null;
    answeredAt: Date;
    statusCheckedAt: Date | null;
  }[];
}

/**
 * The requesting side's record of forwards (`rights_forwards`, `rights_forward_peers`).
 *
 * @example
 * const view = await forwards.view(node.db, requestId); // undefined when the request was not forwarded
 */
export const forwards = {
  async view(db: DbOrTrx, requestId: string): Promise<ForwardView | undefined> {
    const f = await db.selectFrom('rights_forwards').select(['state', 'attempts', 'last_error', 'next_attempt_at']).where('request_id', '=', requestId).executeTakeFirst();
    if (!f) return undefined;
    const peers = await db.selectFrom('rights_forward_peers').selectAll().where('request_id', '=', requestId).orderBy('peer_region').execute();
    return {
      state: f.state,
      attempts: f.attempts,
      lastError: f.last_error,
      nextAttemptAt: f.state === 'pending' ? f.next_attempt_at : null,
      peers: peers.map((p) => ({
        region: p.peer_region,
        answer: p.answer,
        refusal: p.refusal,
        peerRequestId: p.peer_request_id,
        peerStatus: p.peer_status,
        peerDenyReason: p.peer_deny_reason,
        peerDeadline: p.peer_deadline_at,
        answeredAt: p.answered_at,
        statusCheckedAt: p.status_checked_at,
      })),
    };
  },

  /** Forwards due for a delivery attempt. */
  async due(db: DbOrTrx, now: Date, limit: number): Promise<string[]> {
    const rows = await db.selectFrom('rights_forwards').select('request_id').where('state', '=', 'pending').where('next_attempt_at', '<=', now).orderBy('next_attempt_at').limit(limit).execute();
    return rows.map((r) => r.request_id);
  },

  /** Accepted forwards whose home request is not yet closed and was last polled before `checkedBefore` (status polling). */
  async open(db: DbOrTrx, limit: number, checkedBefore: Date): Promise<{ requestId: string; region: string }[]> {
    const rows = await db
      .selectFrom('rights_forward_peers')
      .select(['request_id', 'peer_region'])
      .where('answer', '=', 'accepted')
      .where((eb) => eb.or([eb('peer_status', 'is', null), eb('peer_status', 'not in', ['completed', 'denied'])]))
      .where((eb) => eb.or([eb('status_checked_at', 'is', null), eb('status_checked_at', '<', checkedBefore)]))
      .orderBy('status_checked_at', (ob) => ob.nullsFirst())
      .limit(limit)
      .execute();
    return rows.map((r) => ({ requestId: r.request_id, region: r.peer_region }));
  },
};
