import type { RegionNode } from '../../node/region-node.ts';
import { deliverDueForwards } from './deliver-forward.ts';
import { refreshForwardStatus } from './refresh-forward-status.ts';

/**
 * One pass of the requesting side's background work: deliver forwards that
 * are due (first attempts that failed, retries with back-off), then poll the
 * home regions of open forwarded requests (each at most once a minute).
 * Nothing to do on a node without peers.
 *
 * @example
 * await runForwarding(node); // from the node's rights loop
 */
export async function runForwarding(node: RegionNode): Promise<{ delivered: number; polled: number }> {
  if (!node.crossRegion?.peers) return { delivered: 0, polled: 0 };
  const d = await deliverDueForwards(node);
  const s = await refreshForwardStatus(node);
  return { delivered: d.attempted, polled: s.checked };
}
