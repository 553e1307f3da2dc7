import { Counter, type Registry } from 'prom-client';

const byRegistry = new WeakMap<Registry, ReturnType<typeof create>>();

function create(registry: Registry) {
  return {
    lookups: new Counter({ name: 'meridian_rights_peer_lookups_total', help: 'Forwarded rights requests looked up for peer regions, by requesting region and result (accepted / not_here)', labelNames: ['from', 'result'], registers: [registry] }),
    forwards: new Counter({ name: 'meridian_rights_forwards_total', help: "Answers this region's forwarded requests got, by peer and answer (accepted / not_here / refused / unreachable)", labelNames: ['peer', 'answer'], registers: [registry] }),
    refusals: new Counter({ name: 'meridian_rights_peer_refusals_total', help: 'Peer calls refused before any lookup, by reason', labelNames: ['reason'], registers: [registry] }),
  };
}

/**
 * Cross-region request metrics, registered once per node registry.
 *
 * @example
 * crossRegionMetrics(node.metrics.registry).lookups.inc({ from: 'eu', result: 'not_here' });
 */
export function crossRegionMetrics(registry: Registry): ReturnType<typeof create> {
  let m = byRegistry.get(registry);
  if (!m) byRegistry.set(registry, (m = create(registry)));
  return m;
}
