import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The coordinator's Prometheus metrics, in a registry of its own (tests and
 * `npm start` run several services in one process).
 *
 * @example
 * const metrics = createCoordinatorMetrics('intent');
 * await metrics.registry.metrics();
 */
export function createCoordinatorMetrics(federation: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ federation });
  return {
    registry,
    rounds: new Counter({ name: 'meridian_federation_rounds_total', help: 'Rounds settled, by outcome', labelNames: ['outcome'], registers: [registry] }),
    updates: new Counter({ name: 'meridian_federation_updates_total', help: 'Updates accepted', labelNames: ['region'], registers: [registry] }),
    updateBytes: new Counter({ name: 'meridian_federation_update_bytes_total', help: 'Tensor bytes of accepted updates', labelNames: ['region'], registers: [registry] }),
    refusedUpdates: new Counter({ name: 'meridian_federation_updates_refused_total', help: 'Updates refused, by reason', labelNames: ['reason'], registers: [registry] }),
    dropouts: new Counter({ name: 'meridian_federation_dropouts_total', help: 'Invited regions that did not contribute, by reason', labelNames: ['region', 'reason'], registers: [registry] }),
    roundSeconds: new Histogram({ name: 'meridian_federation_fit_phase_seconds', help: 'Time from a round opening to its aggregation', buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900], registers: [registry] }),
    currentRound: new Gauge({ name: 'meridian_federation_round', help: 'Last committed round', registers: [registry] }),
    present: new Gauge({ name: 'meridian_federation_present_regions', help: 'Participants that polled recently', registers: [registry] }),
  };
}

export type CoordinatorMetrics = ReturnType<typeof createCoordinatorMetrics>;
