import type { RegionNode } from '../node/region-node.ts';
import { rightsRequests } from './rights-request.repository.ts';
import { slaStatus } from './sla-status.ts';
import { rightsMetrics } from './rights-metrics.ts';
import type { RightsRequestState } from './rights-request-type.ts';

/**
 * Sets the SLA alarm gauges from the open requests (alert on
 * `meridian_rights_sla_alarm > 0`) and returns the requests in breach.
 *
 * @example
 * const { pastTarget } = await checkRightsSla(node); // ids open for more than 24 h
 */
export async function checkRightsSla(node: RegionNode): Promise<{ open: number; pastTarget: string[]; nearStatutory: string[]; pastStatutory: string[] }> {
  const now = node.now();
  const open = await rightsRequests.open(node.db);
  const out = { open: open.length, pastTarget: [] as string[], nearStatutory: [] as string[], pastStatutory: [] as string[] };
  for (const r of open) {
    const s = slaStatus({ ...r, status: r.status as RightsRequestState }, now);
    if (s.pastTarget) out.pastTarget.push(r.id);
    if (s.nearStatutory) out.nearStatutory.push(r.id);
    if (s.pastStatutory) out.pastStatutory.push(r.id);
  }
  const m = rightsMetrics(node.metrics.registry);
  m.open.set(out.open);
  m.slaAlarm.set({ kind: 'target_24h' }, out.pastTarget.length);
  m.slaAlarm.set({ kind: 'statutory_near' }, out.nearStatutory.length);
  m.slaAlarm.set({ kind: 'statutory_past' }, out.pastStatutory.length);
  return out;
}
