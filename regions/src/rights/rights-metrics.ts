import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

const byRegistry = new WeakMap<Registry, ReturnType<typeof create>>();

function create(registry: Registry) {
  return {
    received: new Counter({ name: 'meridian_rights_requests_total', help: 'Rights requests received, by type', labelNames: ['type'], registers: [registry] }),
    closed: new Counter({ name: 'meridian_rights_requests_closed_total', help: 'Rights requests closed, by type and outcome', labelNames: ['type', 'outcome'], registers: [registry] }),
    verificationFailures: new Counter({ name: 'meridian_rights_verification_failures_total', help: 'Wrong, expired or locked identity-verification attempts', labelNames: ['reason'], registers: [registry] }),
    open: new Gauge({ name: 'meridian_rights_requests_open', help: 'Open rights requests', registers: [registry] }),
    /** The SLA alarm: alert when > 0. */
    slaAlarm: new Gauge({
      name: 'meridian_rights_sla_alarm',
      help: 'Open rights requests past the internal 24-hour target (kind=target_24h), near their statutory deadline (kind=statutory_near) or past it (kind=statutory_past)',
      labelNames: ['kind'],
      registers: [registry],
    }),
    erasureSeconds: new Histogram({ name: 'meridian_erasure_step_seconds', help: 'Time per erasure worker step (one batch)', labelNames: ['step'], buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5], registers: [registry] }),
  };
}

/**
 * The rights-request metrics, registered once per node registry (a node's
 * registry is its own, so several nodes in one process do not collide).
 *
 * @example
 * rightsMetrics(node.metrics.registry).received.inc({ type: 'erasure' });
 */
export function rightsMetrics(registry: Registry): ReturnType<typeof create> {
  let m = byRegistry.get(registry);
  if (!m) byRegistry.set(registry, (m = create(registry)));
  return m;
}

export type RightsMetrics = ReturnType<typeof create>;
