import type { CertificateIdentity } from '@meridian/core/pki/index.ts';
import type { RegionNode } from '../../node/region-node.ts';
import { DENY_REASONS } from '../rights-request-type.ts';
import type { ForwardedStatus } from './peer-protocol.ts';
import { assertRequester } from './assert-requester.ts';
import { originRequests } from './origin-requests.repository.ts';

/** A denial as a closed code: a DPO's note stays in the home region. */
function denialCode(reason: string | null): string | null {
  if (reason === null) return null;
  return DENY_REASONS.find((r) => reason === r || reason.startsWith(`${r}:`)) ?? 'denied';
}

/**
 * The state of a request a peer forwarded here, for that peer only (another
 * region asking gets NOT_FOUND, as for an id that does not exist).
 *
 * @example
 * await forwardedRequestStatus(node, peer, { requesterRegion: 'eu', requestId }); // { status: 'completed', ... }
 */
export async function forwardedRequestStatus(node: RegionNode, peer: CertificateIdentity, input: { requesterRegion: string; requestId: string }): Promise<ForwardedStatus> {
  assertRequester(node, peer, input.requesterRegion);
  const r = await originRequests.get(node.db, peer.region, input.requestId);
  return {
    requestId: r.id,
    status: r.status,
    jurisdiction: r.jurisdiction,
    statutoryDeadline: r.statutory_deadline_at.toISOString(),
    extendedDeadline: r.extended_deadline_at?.toISOString() ?? null,
    completedAt: r.completed_at?.toISOString() ?? null,
    denyReason: denialCode(r.deny_reason),
  };
}
