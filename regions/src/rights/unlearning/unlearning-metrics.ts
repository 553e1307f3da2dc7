import { Counter, Gauge, type Registry } from 'prom-client';

const byRegistry = new WeakMap<Registry, ReturnType<typeof create>>();

function create(registry: Registry) {
  return {
    pending: new Gauge({ name: 'meridian_unlearning_pending', help: 'Erasure requests whose model unlearning is not done yet, per federation', labelNames: ['federation'], registers: [registry] }),
    /** The alarm: alert when > 0 (the stated residual-influence deadline has passed). */
    overdue: new Gauge({ name: 'meridian_unlearning_overdue', help: 'Erasure requests still owing unlearning past their residual deadline (batch + retrain allowance)', registers: [registry] }),
    runs: new Counter({ name: 'meridian_unlearning_runs_total', help: 'Unlearning runs finished or failed, by outcome', labelNames: ['outcome'], registers: [registry] }),
  };
}

/**
 * The unlearning metrics, registered once per node registry.
 *
 * @example
 * unlearningMetrics(node.metrics.registry).runs.inc({ outcome: 'retrained' });
 */
export function unlearningMetrics(registry: Registry): ReturnType<typeof create> {
  let m = byRegistry.get(registry);
  if (!m) byRegistry.set(registry, (m = create(registry)));
  return m;
}
