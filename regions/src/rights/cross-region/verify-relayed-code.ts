import type { CertificateIdentity } from '@meridian/core/pki/index.ts';
import type { RegionNode } from '../../node/region-node.ts';
import { verifyRightsRequest } from '../verify-rights-request.ts';
import { assertRequester } from './assert-requester.ts';
import { originRequests } from './origin-requests.repository.ts';

/**
 * Checks a one-time code the subject gave the region they asked in, against
 * the request forwarded here: the same attempt limit, expiry and lockout as a
 * local verification (the code was sent to the contact on file here).
 *
 * @example
 * await verifyRelayedCode(node, peer, { requesterRegion: 'eu', requestId, code: '042917' }); // { status: 'verified' }
 */
export async function verifyRelayedCode(node: RegionNode, peer: CertificateIdentity, input: { requesterRegion: string; requestId: string; code: string }): Promise<{ requestId: string; status: 'verified' }> {
  assertRequester(node, peer, input.requesterRegion);
  const r = await originRequests.get(node.db, peer.region, input.requestId);
  return verifyRightsRequest(node, r.id, input.code);
}
