import type { ColumnType } from 'kysely';

/** A label an agent (or the channel's disposition code) gave a message, per task. */
export interface MessageLabelsTable {
  message_id: string;
  task: string;
  label: string;
  source: string;
}

/** Which subjects' messages a region trained one round on (and how many). */
export interface TrainingLineageTable {
  federation: string;
  round: number;
  subject_id: string;
  messages: number;
  /** The subject's SISA shard of the region's corpus (null: recorded before shards). */
  shard: ColumnType<number | null, number | null | undefined, number | null>;
  recorded_at: ColumnType<Date, Date | undefined, never>;
}
