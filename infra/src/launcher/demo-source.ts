import type { Region } from '@meridian/core/policy/region-profile.ts';
import type { IngestRecord } from '@meridian/regions/ingest/ingest-record.ts';
import { generateDemoRecords } from '../demo/index.ts';

export interface DemoSourceOptions {
  /** Customers in the region (default 200); ignored when `limit` is set. */
  customers?: number;
  /** Exactly this many records (customers as needed). */
  limit?: number;
  /** End of the window the demo messages were sent in (default: now). */
  now?: Date;
  seed?: string;
}

/** One region's demo records, materialised so their count is known up front (for progress bars). */
export function demoRecordsFor(region: Region, opts: DemoSourceOptions = {}): { total: number; records: IngestRecord[] } {
  const records = [
    ...generateDemoRecords({
      now: opts.now ?? new Date(),
      seed: opts.seed,
      regions: [region],
      ...(opts.limit ? { limit: opts.limit } : { customersPerRegion: opts.customers ?? 200 }),
    }),
  ];
  return { total: records.length, records };
}
