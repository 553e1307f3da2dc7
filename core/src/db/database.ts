import type { Kysely, Transaction } from 'kysely';
import type { SubjectsTable, SubjectKeysTable } from './schema/subjects.table.ts';
import type { MessagesTable } from './schema/messages.table.ts';
import type { ConsentsTable } from './schema/consents.table.ts';
import type { ImportCursorsTable, ImportRejectionsTable } from './schema/imports.table.ts';
import type { RightsRequestsTable, RightsRequestSubjectsTable, RightsVerificationsTable, RightsOutboxTable, RightsJobsTable, ErasureTombstonesTable } from './schema/rights.table.ts';
import type { MessageLabelsTable, TrainingLineageTable } from './schema/training.table.ts';
import type { LedgerHeadTable, LedgerEntriesTable, LedgerTilesTable, LedgerCheckpointsTable, LedgerSaltsTable, LedgerWitnessStateTable, LedgerWitnessAlarmsTable } from './schema/ledger.table.ts';
import type { FederationModelsTable, FederationRoundsTable, FederationCheckpointsTable } from './schema/federation.table.ts';
import type { PrivacySpendTable } from './schema/privacy-spend.table.ts';
import type { RegionModelsTable } from './schema/region-models.table.ts';
import type { UnlearningRequestsTable, UnlearningRunsTable, FederationUnlearningRunsTable } from './schema/unlearning.table.ts';
import type { SubjectLookupTagsTable, RightsForwardsTable, RightsForwardPeersTable } from './schema/cross-region.table.ts';

/** Every table of a region node's database. The data catalog must describe each column. */
export interface Database {
  subjects: SubjectsTable;
  subject_keys: SubjectKeysTable;
  messages: MessagesTable;
  consents: ConsentsTable;
  import_cursors: ImportCursorsTable;
  import_rejections: ImportRejectionsTable;
  rights_requests: RightsRequestsTable; rights_request_subjects: RightsRequestSubjectsTable; rights_verifications: RightsVerificationsTable; rights_outbox: RightsOutboxTable; rights_jobs: RightsJobsTable; erasure_tombstones: ErasureTombstonesTable;
  message_labels: MessageLabelsTable;
  training_lineage: TrainingLineageTable;
  ledger_head: LedgerHeadTable;
  ledger_entries: LedgerEntriesTable;
  ledger_tiles: LedgerTilesTable;
  ledger_checkpoints: LedgerCheckpointsTable;
  ledger_salts: LedgerSaltsTable;
  ledger_witness_state: LedgerWitnessStateTable;
  ledger_witness_alarms: LedgerWitnessAlarmsTable;
  federation_models: FederationModelsTable;
  federation_rounds: FederationRoundsTable;
  federation_checkpoints: FederationCheckpointsTable;
  region_models: RegionModelsTable;
  privacy_spend: PrivacySpendTable;
  unlearning_requests: UnlearningRequestsTable;
  unlearning_runs: UnlearningRunsTable;
  federation_unlearning_runs: FederationUnlearningRunsTable;
  subject_lookup_tags: SubjectLookupTagsTable;
  rights_forwards: RightsForwardsTable;
  rights_forward_peers: RightsForwardPeersTable;
}

export type Db = Kysely<Database>;
/** A database handle or an open transaction: repository functions take either, so transactions compose. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;
