import type { IngestRecord } from '@meridian/regions/ingest/ingest-record.ts';
import type { SourceMessage } from './load-message-pools.ts';

/**
 * A demo ingestion record and the real message it was made from. The source
 * carries the data set's gold label (intent or sentiment), which ingestion
 * does not take but evaluation and training code may want.
 */
export interface DemoMessage {
  readonly record: IngestRecord;
  readonly source: SourceMessage;
}
