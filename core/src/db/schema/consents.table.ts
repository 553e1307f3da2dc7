import type { ColumnType, Generated, Selectable } from 'kysely';

export interface ConsentsTable {
  id: Generated<number>;
  subject_id: string;
  purpose: string;
  granted: boolean;
  source: string;
  recorded_at: ColumnType<Date, Date | undefined, never>;
}

export type ConsentRow = Selectable<ConsentsTable>;
