import { ERROR_CODES, MeridianError, type ErrorCode } from '@meridian/core/errors/meridian-error.ts';
import type { Region } from '@meridian/core/policy/region-profile.ts';
import type { RegionNode } from '../../node/region-node.ts';
import { rightsRequests, recordRequestEvents, requestEvent } from '../rights-request.repository.ts';
import { peerCallFailure } from './peer-call-failure.ts';

/**
 * The one-time code of a forwarded request, as the subject gives it to the
 * region they asked in: relayed over mTLS to the home region that sent it
 * (to the contact on file there), which checks it with its own attempt limit.
 * With two homes (customers of two regions sharing a contact) the region must
 * be named. The home's refusal comes back as the same typed error.
 *
 * @example
 * await relayVerification(node, requestId, '042917'); // { requestId, status: 'verified', region: 'sea' }
 */
export async function relayVerification(node: RegionNode, requestId: string, code: string, region?: Region): Promise<{ requestId: string; status: 'verified'; region: Region }> {
  const peers = node.crossRegion?.peers;
  const request = await rightsRequests.get(node.db, requestId);
  if (request.status !== 'forwarded') throw new MeridianError('CONFLICT', 'the request was not forwarded to another region', { requestId, status: request.status });
  if (!peers) throw new MeridianError('UNAVAILABLE', 'this node has no connection to its peer regions', { reason: 'no_peers' });
  const homes = (await node.db.selectFrom('rights_forward_peers').select('peer_region').where('request_id', '=', requestId).where('answer', '=', 'accepted').execute()).map((r) => r.peer_region as Region);
  const home = region ?? (homes.length === 1 ? homes[0] : undefined);
  if (!home || !homes.includes(home)) {
    throw new MeridianError('BAD_INPUT', region ? 'the request was not accepted by that region' : 'the request went to several regions: name the one whose code this is', { field: 'region', regions: homes });
  }
  try {
    await peers.client(home).verify.mutate({ requesterRegion: node.region, requestId, code }, { signal: AbortSignal.timeout(15_000) });
  } catch (e) {
    const f = peerCallFailure(e);
    if (f.kind === 'refused') {
      const data = (e as { data?: { evidence?: Record<string, string | number> } }).data;
      const evidence = data?.evidence ?? {};
      const code: ErrorCode = f.code in ERROR_CODES ? (f.code as ErrorCode) : 'FORBIDDEN';
      throw new MeridianError(code, (e as Error).message, { region: home, ...(evidence.reason ? { reason: evidence.reason } : {}), ...(evidence.attemptsLeft !== undefined ? { attemptsLeft: evidence.attemptsLeft } : {}) });
    }
    throw new MeridianError('UNAVAILABLE', 'the home region could not be reached; try again', { region: home, code: f.code });
  }
  await node.db.transaction().execute((trx) => recordRequestEvents(node, trx, [requestEvent('rights_request', requestId, node.now(), { action: 'forward_verified', peer: home })]));
  return { requestId, status: 'verified', region: home };
}
