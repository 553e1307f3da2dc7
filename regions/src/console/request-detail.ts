import type { RightsRequestRow } from '@meridian/core/db/schema/rights.table.ts';
import type { RegionNode } from '../node/region-node.ts';
import type { RightsRequestState } from '../rights/rights-request-type.ts';
import { slaStatus } from '../rights/sla-status.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * A request's record without anything personal: type, state, jurisdiction and
 * law, deadlines and SLA, decisions with their actors, identity-verification
 * progress (attempts, never the code), outcome counts and how many ledger
 * entries prove it. Whether a subject matched is shown as a flag only; their
 * data needs `requests.subjectData`.
 *
 * @example
 * const detail = await requestDetail(node, await rightsRequests.get(node.db, requestId));
 */
export async function requestDetail(node: RegionNode & { ledger?: { entriesByRef(refId: string): Promise<unknown[]> } }, r: RightsRequestRow) {
  const [link, verification] = await Promise.all([
    node.db.selectFrom('rights_request_subjects').select('request_id').where('request_id', '=', r.id).executeTakeFirst(),
    node.db.selectFrom('rights_verifications').select(['channel', 'attempts', 'max_attempts', 'expires_at', 'locked_at', 'verified_at']).where('request_id', '=', r.id).executeTakeFirst(),
  ]);
  const now = node.now();
  const s = slaStatus({ ...r, status: r.status as RightsRequestState }, now);
  const j = node.policy.jurisdiction(r.jurisdiction);
  return {
    id: r.id,
    region: node.region,
    type: r.type,
    status: r.status,
    jurisdiction: { code: j.code, law: j.law, deadlineBasis: j.rightsDeadline.basis, extensionDays: j.rightsDeadline.extensionDays },
    requestedBy: r.requested_by,
    receivedAt: r.received_at.toISOString(),
    deadlines: {
      statutory: r.statutory_deadline_at.toISOString(),
      extended: iso(r.extended_deadline_at),
      extensionReason: r.extension_reason,
      extendedBy: r.extended_by,
      inForce: s.deadline.toISOString(),
      target: r.target_at.toISOString(),
    },
    sla: { open: s.open, pastTarget: s.pastTarget, nearStatutory: s.nearStatutory, pastStatutory: s.pastStatutory },
    verification: verification
      ? { channel: verification.channel, attempts: verification.attempts, maxAttempts: verification.max_attempts, expiresAt: verification.expires_at.toISOString(), locked: !!verification.locked_at, verifiedAt: iso(verification.verified_at) }
      : null,
    decisions: { verifiedAt: iso(r.verified_at), approvedAt: iso(r.approved_at), approvedBy: r.approved_by, executingAt: iso(r.executing_at), completedAt: iso(r.completed_at), deniedAt: iso(r.denied_at), denyReason: r.deny_reason },
    outcome: r.outcome,
    subjectMatched: !!link,
    ledgerEntries: node.ledger ? (await node.ledger.entriesByRef(r.id)).length : null,
  };
}
