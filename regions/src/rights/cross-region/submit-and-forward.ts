import type { RegionNode } from '../../node/region-node.ts';
import type { Notifier } from '../notifier.ts';
import type { RightsRequestInput } from '../rights-request-input.ts';
import { submitRightsRequest, type SubmittedRightsRequest } from '../submit-rights-request.ts';
import { deliverForward } from './deliver-forward.ts';
import type { ForwardView } from './forwards.repository.ts';

/**
 * Intake with forwarding: files the request (queuing it for the other regions
 * when `forward` is set and no local customer matched), then, when this
 * process can reach its peers, offers it to them at once, so the answer says
 * where it went. Otherwise the node's rights loop delivers it.
 *
 * @example
 * const r = await submitAndForward(node, { type: 'erasure', externalId: 'cust-9', contact: { channel: 'email', value: 'ana@example.org' }, forward: true }, { notifier, actor: 'dpo:ana' });
 * r.forward?.peers; // [{ region: 'me', answer: 'not_here' }, { region: 'sea', answer: 'accepted', peerRequestId }]
 */
export async function submitAndForward(node: RegionNode, input: RightsRequestInput, opts: { notifier: Notifier; actor: string }): Promise<SubmittedRightsRequest & { forward?: ForwardView }> {
  const submitted = await submitRightsRequest(node, input, opts);
  if (submitted.forwarding !== 'queued' || !node.crossRegion?.peers) return submitted;
  return { ...submitted, forward: await deliverForward(node, submitted.requestId) };
}
