import type { ColumnType } from 'kysely';

export interface ImportCursorsTable {
  id: string;
  byte_offset: number;
  line_number: number;
  imported: number;
  rejected: number;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface ImportRejectionsTable {
  cursor_id: string;
  line_number: number;
  code: string;
  detail: string;
}
