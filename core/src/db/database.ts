import type { Kysely, Transaction } from 'kysely';
import type { SubjectsTable, SubjectKeysTable } from './schema/subjects.table.ts';
import type { MessagesTable } from './schema/messages.table.ts';
import type { ConsentsTable } from './schema/consents.table.ts';
import type { ImportCursorsTable, ImportRejectionsTable } from './schema/imports.table.ts';

/** Every table of a region node's database. The data catalog must describe each column. */
export interface Database {
  subjects: SubjectsTable;
  subject_keys: SubjectKeysTable;
  messages: MessagesTable;
  consents: ConsentsTable;
  import_cursors: ImportCursorsTable;
  import_rejections: ImportRejectionsTable;
}

export type Db = Kysely<Database>;
/** A database handle or an open transaction: repository functions take either, so transactions compose. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;
