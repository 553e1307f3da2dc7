import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** A region node's Prometheus metrics, in a registry of its own (several nodes may share a process). */
export function createRegionMetrics(region: string, opts: { defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  registry.setDefaultLabels({ region });
  if (opts.defaultMetrics) collectDefaultMetrics({ register: registry });
  return {
    registry,
    ingested: new Counter({ name: 'meridian_messages_ingested_total', help: 'Messages stored', labelNames: ['channel'], registers: [registry] }),
    duplicates: new Counter({ name: 'meridian_messages_duplicate_total', help: 'Messages already stored (idempotent replays)', registers: [registry] }),
    refused: new Counter({ name: 'meridian_ingest_refused_total', help: 'Ingest records refused, by error code', labelNames: ['code'], registers: [registry] }),
    residencyRefusals: new Counter({ name: 'meridian_residency_refusals_total', help: 'Attempts to store another region\'s resident here', labelNames: ['home_region'], registers: [registry] }),
    specialCategories: new Counter({ name: 'meridian_special_category_total', help: 'Messages with special-category content, by handling', labelNames: ['handling'], registers: [registry] }),
    routed: new Counter({ name: 'meridian_messages_routed_total', help: 'Routing decisions, by route and reason', labelNames: ['route', 'reason'], registers: [registry] }),
    subjectsCreated: new Counter({ name: 'meridian_subjects_created_total', help: 'New data subjects', registers: [registry] }),
    consentChanges: new Counter({ name: 'meridian_consent_changes_total', help: 'Consent changes recorded', labelNames: ['purpose', 'granted'], registers: [registry] }),
    retentionDeleted: new Counter({ name: 'meridian_retention_deleted_total', help: 'Rows expired by retention', labelNames: ['table'], registers: [registry] }),
    ingestBatchSeconds: new Histogram({ name: 'meridian_ingest_batch_seconds', help: 'Time to store one ingest batch', buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5], registers: [registry] }),
    ready: new Gauge({ name: 'meridian_ready', help: '1 when the node serves', registers: [registry] }),
  };
}

export type RegionMetrics = ReturnType<typeof createRegionMetrics>;
