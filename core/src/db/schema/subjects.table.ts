import type { ColumnType, Generated, Selectable } from 'kysely';

export interface SubjectsTable {
  id: string;
  region: string;
  jurisdiction: string;
  status: Generated<'active' | 'restricted'>;
  external_ref_bidx: Uint8Array | null;
  email_bidx: Uint8Array | null;
  phone_bidx: Uint8Array | null;
  name_ct: Uint8Array | null;
  email_ct: Uint8Array | null;
  phone_ct: Uint8Array | null;
  created_at: ColumnType<Date, Date | undefined, Date>;
  last_activity_at: ColumnType<Date, Date | undefined, Date>;
}

export interface SubjectKeysTable {
  subject_id: string;
  kek_id: string;
  wrapped_dek: Uint8Array;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export type SubjectRow = Selectable<SubjectsTable>;
