import type { IngestRecord } from '@meridian/regions/ingest/ingest-record.ts';
import { generateDemoMessages, type DemoOptions } from './generate-demo-messages.ts';
import { loadMessagePools, type MessagePools } from './load-message-pools.ts';

/**
 * Demo ingestion records (see {@link generateDemoMessages}), reading the
 * message texts from `shared/data` unless pools are given.
 *
 * @example
 * for (const r of generateDemoRecords({ now: new Date(), customersPerRegion: 20 })) await ingest(r);
 */
export function* generateDemoRecords(options: DemoOptions & { readonly pools?: MessagePools; readonly dataDir?: string }): Generator<IngestRecord> {
  const pools = options.pools ?? loadMessagePools(options.dataDir, options.regions);
  for (const m of generateDemoMessages(pools, options)) yield m.record;
}
