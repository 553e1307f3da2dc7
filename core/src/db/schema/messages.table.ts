import type { ColumnType, Generated, Selectable } from 'kysely';

export interface MessagesTable {
  id: string;
  subject_id: string;
  dedupe_key: Uint8Array;
  channel: string;
  direction: 'inbound' | 'outbound';
  language: string | null;
  body_ct: Uint8Array;
  order_ref_ct: Uint8Array | null;
  special_categories: ColumnType<string[], string[] | undefined, string[]>;
  special_handling: Generated<'none' | 'restrict' | 'redact_sentence' | 'redact_message'>;
  training_allowed: Generated<boolean>;
  intent: string | null;
  sentiment: string | null;
  emotion: string | null;
  confidence: number | null;
  route: string | null;
  /** Content hashes of the models that classified it (global, or this region's adapted version). */
  intent_model: ColumnType<string | null, string | null | undefined, string | null>;
  sentiment_model: ColumnType<string | null, string | null | undefined, string | null>;
  emotion_model: ColumnType<string | null, string | null | undefined, string | null>;
  sent_at: Date;
  received_at: ColumnType<Date, Date | undefined, Date>;
}

export type MessageRow = Selectable<MessagesTable>;
