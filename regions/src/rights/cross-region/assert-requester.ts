import type { CertificateIdentity } from '@meridian/core/pki/index.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { RegionNode } from '../../node/region-node.ts';

/**
 * Refuses a peer call unless the client certificate is for the region the
 * call says it comes from, and that region is not this one. The mTLS layer
 * already checked the certificate (CA, revocation, role) and the region
 * header; this binds the claim inside the request body too.
 *
 * @example
 * assertRequester(node, ctx.peer, input.requesterRegion); // FORBIDDEN region_mismatch / own_region
 */
export function assertRequester(node: RegionNode, peer: CertificateIdentity, requesterRegion: string): void {
  if (peer.region !== requesterRegion) {
    throw new MeridianError('FORBIDDEN', `certificate is for region ${peer.region}, not ${requesterRegion.slice(0, 16)}`, { reason: 'region_mismatch', region: peer.region, claimedRegion: requesterRegion.slice(0, 16), serial: peer.serial });
  }
  if (peer.role !== 'region') throw new MeridianError('FORBIDDEN', 'only region nodes may forward rights requests', { reason: 'role_not_allowed', role: peer.role });
  if (requesterRegion === node.region) throw new MeridianError('FORBIDDEN', 'a region does not forward requests to itself', { reason: 'own_region' });
}
