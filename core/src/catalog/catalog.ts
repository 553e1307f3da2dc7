import type { DataClass, ErasureRule, Purpose } from './data-class.ts';

export interface ColumnEntry {
  class: DataClass;
  purposes: readonly Purpose[];
  erasure: ErasureRule;
  /** Stored only as AES-256-GCM ciphertext under the subject's data key. */
  encrypted?: boolean;
  description: string;
}

export interface TableEntry {
  description: string;
  /** The column that links a row to its data subject, if rows are about one. */
  subjectColumn?: string;
  columns: Record<string, ColumnEntry>;
}

const svc = ['service'] as const;
const all = ['service', 'model_training', 'analytics'] as const;
const none = [] as const;

/**
 * Every column of every table, classified. Retention is not repeated here: it is
 * resolved per jurisdiction from the region profile by the column's class, so a
 * profile change needs no code change. `catalog.test.ts` fails when a table has a
 * column this catalog does not know, or the other way round.
 */
export const CATALOG: Record<string, TableEntry> = {
  subjects: {
    description: 'Data subjects (customers) whose home region is this node',
    subjectColumn: 'id',
    columns: {
      id: { class: 'pseudonymous_id', purposes: all, erasure: 'delete_row', description: 'random subject id' },
      region: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'home region' },
      jurisdiction: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'governing law, from country' },
      status: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'active or restricted (Art. 18)' },
      external_ref_bidx: { class: 'pseudonymous_id', purposes: svc, erasure: 'delete_row', description: 'blind index of the shop customer id' },
      email_bidx: { class: 'pseudonymous_id', purposes: svc, erasure: 'delete_row', description: 'blind index of the e-mail' },
      phone_bidx: { class: 'pseudonymous_id', purposes: svc, erasure: 'delete_row', description: 'blind index of the phone' },
      name_ct: { class: 'direct_identifier', purposes: svc, erasure: 'destroy_key', encrypted: true, description: 'name' },
      email_ct: { class: 'contact', purposes: svc, erasure: 'destroy_key', encrypted: true, description: 'e-mail' },
      phone_ct: { class: 'contact', purposes: svc, erasure: 'destroy_key', encrypted: true, description: 'phone' },
      created_at: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'first seen' },
      last_activity_at: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'last message; drives retention' },
    },
  },
  subject_keys: {
    description: "Each subject's AES-256-GCM data key, wrapped by a region key-encryption key; backed up apart from the data",
    subjectColumn: 'subject_id',
    columns: {
      subject_id: { class: 'pseudonymous_id', purposes: svc, erasure: 'delete_row', description: 'subject id' },
      kek_id: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'which key-encryption key wraps it' },
      wrapped_dek: { class: 'pseudonymous_id', purposes: svc, erasure: 'delete_row', description: 'wrapped data key' },
      created_at: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'creation time' },
    },
  },
  messages: {
    description: 'Customer messages from every channel, classified and routed',
    subjectColumn: 'subject_id',
    columns: {
      id: { class: 'pseudonymous_id', purposes: all, erasure: 'delete_row', description: 'message id' },
      subject_id: { class: 'pseudonymous_id', purposes: all, erasure: 'delete_row', description: 'sender' },
      dedupe_key: { class: 'pseudonymous_id', purposes: svc, erasure: 'delete_row', description: 'keyed hash of channel + source message id (idempotency)' },
      channel: { class: 'business', purposes: all, erasure: 'delete_row', description: 'chat, e-mail, WhatsApp...' },
      direction: { class: 'business', purposes: all, erasure: 'delete_row', description: 'inbound or outbound' },
      language: { class: 'business', purposes: all, erasure: 'delete_row', description: 'language tag' },
      body_ct: { class: 'free_text', purposes: all, erasure: 'destroy_key', encrypted: true, description: 'message text after special-category handling' },
      order_ref_ct: { class: 'pseudonymous_id', purposes: svc, erasure: 'destroy_key', encrypted: true, description: 'order reference' },
      special_categories: { class: 'special_category', purposes: svc, erasure: 'delete_row', description: 'GDPR Art. 9 categories detected (fideslang names)' },
      special_handling: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'what the profile did about them' },
      training_allowed: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'false when special categories restrict purposes' },
      intent: { class: 'business', purposes: all, erasure: 'delete_row', description: 'classified intent' },
      sentiment: { class: 'business', purposes: all, erasure: 'delete_row', description: 'classified sentiment' },
      emotion: { class: 'business', purposes: all, erasure: 'delete_row', description: 'classified emotion' },
      confidence: { class: 'business', purposes: all, erasure: 'delete_row', description: 'classifier confidence' },
      route: { class: 'business', purposes: all, erasure: 'delete_row', description: 'bot, person or expert' },
      sent_at: { class: 'business', purposes: all, erasure: 'delete_row', description: 'when the customer sent it' },
      received_at: { class: 'business', purposes: all, erasure: 'delete_row', description: 'when the node stored it; drives retention' },
    },
  },
  consents: {
    description: 'Consent history per subject and purpose (append-only)',
    subjectColumn: 'subject_id',
    columns: {
      id: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'sequence' },
      subject_id: { class: 'pseudonymous_id', purposes: svc, erasure: 'delete_row', description: 'subject' },
      purpose: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'service, model_training, analytics' },
      granted: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'granted or withdrawn' },
      source: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'where the change came from' },
      recorded_at: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'when' },
    },
  },
  import_cursors: {
    description: 'Resumable NDJSON import positions',
    columns: {
      id: { class: 'business', purposes: none, erasure: 'not_personal', description: 'file identity hash' },
      byte_offset: { class: 'business', purposes: none, erasure: 'not_personal', description: 'next byte to read' },
      line_number: { class: 'business', purposes: none, erasure: 'not_personal', description: 'next line' },
      imported: { class: 'aggregate', purposes: none, erasure: 'not_personal', description: 'lines imported' },
      rejected: { class: 'aggregate', purposes: none, erasure: 'not_personal', description: 'lines rejected' },
      updated_at: { class: 'business', purposes: none, erasure: 'not_personal', description: 'last progress' },
    },
  },
  import_rejections: {
    description: 'Lines an import rejected, by number, with the reason (never the content)',
    columns: {
      cursor_id: { class: 'business', purposes: none, erasure: 'not_personal', description: 'import' },
      line_number: { class: 'business', purposes: none, erasure: 'not_personal', description: 'line' },
      code: { class: 'business', purposes: none, erasure: 'not_personal', description: 'error code' },
      detail: { class: 'business', purposes: none, erasure: 'not_personal', description: 'field paths and reasons, no values' },
    },
  },
  ledger_head: {
    description: 'The committed size of the region audit log (one row)',
    columns: {
      id: { class: 'business', purposes: none, erasure: 'not_personal', description: 'always 1' },
      size: { class: 'aggregate', purposes: none, erasure: 'not_personal', description: 'leaves committed' },
      updated_at: { class: 'business', purposes: none, erasure: 'not_personal', description: 'last append' },
    },
  },
  ledger_entries: {
    description: 'Audit log leaves: salted commitments and non-personal metadata, append-only',
    columns: {
      idx: { class: 'business', purposes: none, erasure: 'not_personal', description: 'leaf index' },
      ref_id: { class: 'pseudonymous_id', purposes: none, erasure: 'unlink', description: 'random event, message, request or round id; links to nothing once the subject is erased' },
      leaf: { class: 'pseudonymous_id', purposes: none, erasure: 'unlink', description: 'leaf bytes; its commitment is unlinkable once the salt is deleted' },
    },
  },
  ledger_tiles: {
    description: 'Merkle tree node hashes',
    columns: {
      level: { class: 'business', purposes: none, erasure: 'not_personal', description: 'tile level' },
      idx: { class: 'business', purposes: none, erasure: 'not_personal', description: 'tile index' },
      hashes: { class: 'business', purposes: none, erasure: 'not_personal', description: 'node hashes' },
    },
  },
  ledger_checkpoints: {
    description: 'Signed checkpoints of the log, with witness cosignatures',
    columns: {
      size: { class: 'business', purposes: none, erasure: 'not_personal', description: 'tree size' },
      note: { class: 'business', purposes: none, erasure: 'not_personal', description: 'C2SP signed note' },
      created_at: { class: 'business', purposes: none, erasure: 'not_personal', description: 'signing time' },
    },
  },
  ledger_salts: {
    description: 'Salts of the commitments; deleting a subject\'s salts makes their leaves unlinkable',
    subjectColumn: 'subject_id',
    columns: {
      commitment: { class: 'pseudonymous_id', purposes: none, erasure: 'delete_row', description: 'which commitment' },
      subject_id: { class: 'pseudonymous_id', purposes: none, erasure: 'delete_row', description: 'whose (for erasure)' },
      salt: { class: 'pseudonymous_id', purposes: none, erasure: 'delete_row', description: 'random salt' },
    },
  },
  ledger_witness_state: {
    description: "The last checkpoint this node verified of each other log it witnesses",
    columns: {
      origin: { class: 'business', purposes: none, erasure: 'not_personal', description: 'log origin' },
      size: { class: 'business', purposes: none, erasure: 'not_personal', description: 'tree size' },
      root: { class: 'business', purposes: none, erasure: 'not_personal', description: 'root hash' },
      note: { class: 'business', purposes: none, erasure: 'not_personal', description: 'checkpoint' },
      updated_at: { class: 'business', purposes: none, erasure: 'not_personal', description: 'when' },
    },
  },
  ledger_witness_alarms: {
    description: 'Split views and failed consistency checks seen as a witness',
    columns: {
      id: { class: 'business', purposes: none, erasure: 'not_personal', description: 'sequence' },
      origin: { class: 'business', purposes: none, erasure: 'not_personal', description: 'log origin' },
      kind: { class: 'business', purposes: none, erasure: 'not_personal', description: 'alarm kind' },
      detail: { class: 'business', purposes: none, erasure: 'not_personal', description: 'what failed' },
      previous_note: { class: 'business', purposes: none, erasure: 'not_personal', description: 'checkpoint seen before' },
      presented_note: { class: 'business', purposes: none, erasure: 'not_personal', description: 'conflicting checkpoint' },
      detected_at: { class: 'business', purposes: none, erasure: 'not_personal', description: 'when' },
    },
  },
  federation_models: {
    description: 'Coordinator model registry: global model versions by content hash (aggregates of region updates, no personal data)',
    columns: {
      hash: { class: 'business', purposes: none, erasure: 'not_personal', description: 'SHA-256 of the model bytes' },
      federation: { class: 'business', purposes: none, erasure: 'not_personal', description: 'which federated model (intent, sentiment...)' },
      parent_hash: { class: 'business', purposes: none, erasure: 'not_personal', description: 'model it was aggregated from' },
      round: { class: 'business', purposes: none, erasure: 'not_personal', description: 'round that produced it' },
      codec: { class: 'business', purposes: none, erasure: 'not_personal', description: 'byte format' },
      size_bytes: { class: 'aggregate', purposes: none, erasure: 'not_personal', description: 'size of the bytes' },
      bytes: { class: 'aggregate', purposes: none, erasure: 'not_personal', description: 'serialized global weights' },
      created_at: { class: 'business', purposes: none, erasure: 'not_personal', description: 'when stored' },
    },
  },
  federation_rounds: {
    description: 'Federated training rounds run by the coordinator: plan, participants, model in/out, example counts',
    columns: {
      federation: { class: 'business', purposes: none, erasure: 'not_personal', description: 'which federated model' },
      round: { class: 'business', purposes: none, erasure: 'not_personal', description: 'round number' },
      status: { class: 'business', purposes: none, erasure: 'not_personal', description: 'open, evaluating, closed or failed' },
      strategy: { class: 'business', purposes: none, erasure: 'not_personal', description: 'aggregation strategy' },
      config: { class: 'business', purposes: none, erasure: 'not_personal', description: 'fit config sent to participants' },
      invited: { class: 'business', purposes: none, erasure: 'not_personal', description: 'regions invited' },
      contributors: { class: 'business', purposes: none, erasure: 'not_personal', description: 'regions aggregated' },
      failures: { class: 'business', purposes: none, erasure: 'not_personal', description: 'regions that dropped, with reason codes' },
      example_counts: { class: 'aggregate', purposes: none, erasure: 'not_personal', description: 'examples behind each region update' },
      total_examples: { class: 'aggregate', purposes: none, erasure: 'not_personal', description: 'examples behind the aggregate' },
      model_in: { class: 'business', purposes: none, erasure: 'not_personal', description: 'global model hash trained from' },
      model_out: { class: 'business', purposes: none, erasure: 'not_personal', description: 'global model hash produced' },
      evaluation: { class: 'aggregate', purposes: none, erasure: 'not_personal', description: 'metrics of the new model per region and mean' },
      failure_reason: { class: 'business', purposes: none, erasure: 'not_personal', description: 'why a round failed' },
      attempts: { class: 'business', purposes: none, erasure: 'not_personal', description: 'fit phase starts (restarts included)' },
      ledger_index: { class: 'business', purposes: none, erasure: 'not_personal', description: 'ledger entry of the round' },
      opened_at: { class: 'business', purposes: none, erasure: 'not_personal', description: 'when opened' },
      deadline_at: { class: 'business', purposes: none, erasure: 'not_personal', description: 'straggler deadline' },
      aggregated_at: { class: 'business', purposes: none, erasure: 'not_personal', description: 'when aggregated' },
      closed_at: { class: 'business', purposes: none, erasure: 'not_personal', description: 'when evaluation closed' },
    },
  },
  federation_checkpoints: {
    description: "The coordinator's resume point per federation: last committed round, global model, strategy state",
    columns: {
      federation: { class: 'business', purposes: none, erasure: 'not_personal', description: 'which federated model' },
      round: { class: 'business', purposes: none, erasure: 'not_personal', description: 'last committed round' },
      model_hash: { class: 'business', purposes: none, erasure: 'not_personal', description: 'current global model' },
      strategy: { class: 'business', purposes: none, erasure: 'not_personal', description: 'aggregation strategy' },
      strategy_state: { class: 'aggregate', purposes: none, erasure: 'not_personal', description: 'server optimizer state (e.g. FedAdam moments)' },
      updated_at: { class: 'business', purposes: none, erasure: 'not_personal', description: 'last change' },
    },
  },
  message_labels: {
    description: 'Labels agents gave messages, per task (the supervision for federated training)',
    subjectColumn: 'message_id',
    columns: {
      message_id: { class: 'pseudonymous_id', purposes: ['model_training'], erasure: 'delete_row', description: 'labelled message (cascades with it)' },
      task: { class: 'business', purposes: ['model_training'], erasure: 'delete_row', description: 'intent, sentiment or emotion' },
      label: { class: 'business', purposes: ['model_training'], erasure: 'delete_row', description: 'the label' },
      source: { class: 'business', purposes: ['model_training'], erasure: 'delete_row', description: 'who labelled it (agent, channel disposition)' },
    },
  },
  training_lineage: {
    description: "Which subjects' messages trained which federated round: consent withdrawal and erasure trace into models through it",
    subjectColumn: 'subject_id',
    columns: {
      federation: { class: 'business', purposes: ['model_training'], erasure: 'delete_row', description: 'model' },
      round: { class: 'business', purposes: ['model_training'], erasure: 'delete_row', description: 'round' },
      subject_id: { class: 'pseudonymous_id', purposes: ['model_training'], erasure: 'delete_row', description: 'contributing subject' },
      messages: { class: 'aggregate', purposes: ['model_training'], erasure: 'delete_row', description: 'messages used' },
      recorded_at: { class: 'business', purposes: ['model_training'], erasure: 'delete_row', description: 'when' },
    },
  },
  rights_requests: {
    description: 'Data-subject rights requests: type, state, deadlines and decisions; nothing personal (the subject is linked through rights_request_subjects)',
    columns: {
      id: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'random request id (ledger refId)' },
      type: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'erasure, access, rectification, restriction, objection, opt_out_sale' },
      status: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'received, verified, approved, executing, completed or denied' },
      jurisdiction: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'law whose deadline applies' },
      requested_by: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'API caller or operator that filed it' },
      received_at: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'when received' },
      statutory_deadline_at: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'statutory deadline from the profile' },
      target_at: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'internal 24-hour target' },
      extended_deadline_at: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'deadline after the one allowed extension' },
      extension_reason: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'recorded reason for the extension (no personal data)' },
      extended_by: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'DPO who extended' },
      verified_at: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'identity verified' },
      approved_at: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'approved by a DPO' },
      approved_by: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'DPO who approved' },
      executing_at: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'execution started' },
      completed_at: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'completed' },
      denied_at: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'denied' },
      deny_reason: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'closed reason code or DPO note (no personal data)' },
      outcome: { class: 'aggregate', purposes: svc, erasure: 'not_personal', description: 'counts of what was done' },
    },
  },
  rights_request_subjects: {
    description: 'The only link from a request to its subject; goes with the subject',
    subjectColumn: 'subject_id',
    columns: {
      request_id: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'request' },
      subject_id: { class: 'pseudonymous_id', purposes: svc, erasure: 'delete_row', description: 'subject' },
      details_ct: { class: 'contact', purposes: svc, erasure: 'destroy_key', encrypted: true, description: 'personal request details (e.g. the corrected e-mail)' },
    },
  },
  rights_verifications: {
    description: 'One-time identity-verification codes (HMAC only), expiry and attempt counts',
    subjectColumn: 'subject_id',
    columns: {
      request_id: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'request' },
      subject_id: { class: 'pseudonymous_id', purposes: svc, erasure: 'delete_row', description: 'subject whose contact received the code' },
      channel: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'email or phone' },
      code_hmac: { class: 'pseudonymous_id', purposes: svc, erasure: 'delete_row', description: 'HMAC of the code, never the code' },
      expires_at: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'expiry' },
      attempts: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'wrong attempts so far' },
      max_attempts: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'lockout threshold' },
      locked_at: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'locked out' },
      verified_at: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'verified' },
      created_at: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'issued' },
    },
  },
  rights_outbox: {
    description: 'Messages to subjects (verification codes) waiting for a mailer, sealed under the subject key',
    subjectColumn: 'subject_id',
    columns: {
      id: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'message id' },
      subject_id: { class: 'pseudonymous_id', purposes: svc, erasure: 'delete_row', description: 'recipient subject' },
      channel: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'email or phone' },
      to_ct: { class: 'contact', purposes: svc, erasure: 'destroy_key', encrypted: true, description: 'recipient address' },
      body_ct: { class: 'free_text', purposes: svc, erasure: 'destroy_key', encrypted: true, description: 'message text (holds the code)' },
      created_at: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'queued' },
      sent_at: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'sent' },
    },
  },
  rights_jobs: {
    description: 'Durable queue of request executions; a row is deleted when its request completes',
    subjectColumn: 'subject_id',
    columns: {
      request_id: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'request' },
      kind: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'request type' },
      step: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'next step to run' },
      subject_id: { class: 'pseudonymous_id', purposes: svc, erasure: 'delete_row', description: 'subject (kept until the last step)' },
      attempts: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'failed attempts' },
      last_error: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'last error code (no personal data)' },
      run_after: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'next attempt' },
      created_at: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'queued' },
      updated_at: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'last step' },
    },
  },
  erasure_tombstones: {
    description: 'Keyed hashes of erased subjects\' identifiers, kept live through restores so an old backup cannot bring them back',
    columns: {
      digest: { class: 'pseudonymous_id', purposes: none, erasure: 'unlink', description: 'HMAC of the subject id or its external-ref blind index under a tombstone key; not reversible without the key and the identifier' },
      request_id: { class: 'business', purposes: none, erasure: 'not_personal', description: 'erasure request' },
      erased_at: { class: 'business', purposes: none, erasure: 'not_personal', description: 'when' },
    },
  },
};
