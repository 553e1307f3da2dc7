import type { Region } from '@meridian/core/policy/region-profile.ts';
import type { IngestRecord } from '@meridian/regions/ingest/ingest-record.ts';
import { generateDemoMessages, loadMessagePools } from '../demo/index.ts';

export interface DemoSourceOptions {
  /** Customers in the region (default 200); ignored when `limit` is set. */
  customers?: number;
  /** Exactly this many records (customers as needed). */
  limit?: number;
  /** End of the window the demo messages were sent in (default: now). */
  now?: Date;
  seed?: string;
}

/** One region's demo records with their gold labels, materialised so their count is known up front (for progress bars). */
export function demoRecordsFor(region: Region, opts: DemoSourceOptions = {}): { total: number; records: IngestRecord[] } {
  const pools = loadMessagePools(undefined, [region]);
  // Each message keeps its source's gold label, as the agent who handled it would have tagged it.
  const records = [
    ...generateDemoMessages(pools, {
      now: opts.now ?? new Date(),
      seed: opts.seed,
      regions: [region],
      ...(opts.limit ? { limit: opts.limit } : { customersPerRegion: opts.customers ?? 200 }),
    }),
  ].map((m): IngestRecord => ({ ...m.record, labels: { [m.source.labelKind]: m.source.label } }));
  return { total: records.length, records };
}
