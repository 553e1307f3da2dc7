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
      intent_model: { class: 'business', purposes: all, erasure: 'delete_row', description: 'content hash of the intent model that classified it' },
      sentiment_model: { class: 'business', purposes: all, erasure: 'delete_row', description: 'content hash of the sentiment model (global or region-adapted)' },
      emotion_model: { class: 'business', purposes: all, erasure: 'delete_row', description: 'content hash of the emotion model (global or region-adapted)' },
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
  privacy_spend: {
    description: "What the region's subject-level DP training has spent per model: one row per released round (q, σ, steps, C), from which the RDP accountant recomposes ε. Aggregate privacy parameters; no row links to a person",
    columns: {
      id: { class: 'business', purposes: none, erasure: 'not_personal', description: 'row id (a retrained round is a new release)' },
      region: { class: 'business', purposes: none, erasure: 'not_personal', description: 'region that spent' },
      model: { class: 'business', purposes: none, erasure: 'not_personal', description: 'model (task) the budget is kept for' },
      federation: { class: 'business', purposes: none, erasure: 'not_personal', description: 'federation of the round' },
      round: { class: 'business', purposes: none, erasure: 'not_personal', description: 'round number' },
      sample_rate: { class: 'aggregate', purposes: none, erasure: 'not_personal', description: 'Poisson subject sampling rate q' },
      noise_multiplier: { class: 'business', purposes: none, erasure: 'not_personal', description: 'σ' },
      steps: { class: 'business', purposes: none, erasure: 'not_personal', description: 'noisy steps taken' },
      clip_norm: { class: 'business', purposes: none, erasure: 'not_personal', description: 'per-subject clipping bound C' },
      epsilon: { class: 'aggregate', purposes: none, erasure: 'not_personal', description: 'cumulative ε after the round' },
      delta: { class: 'business', purposes: none, erasure: 'not_personal', description: 'δ of the budget' },
      recorded_at: { class: 'business', purposes: none, erasure: 'not_personal', description: 'when recorded' },
    },
  },
  region_models: {
    description:
      "Models this region adapted from a global model on its own training data (what it serves for tasks served with local adaptation); they never leave the region. Aggregate weights, no row links to a person; after an erasure, re-adapt from a global model trained without the subject (base_hash, and lineage of base_round, say what went in)",
    columns: {
      hash: { class: 'business', purposes: none, erasure: 'not_personal', description: 'SHA-256 of the model bytes' },
      task: { class: 'business', purposes: none, erasure: 'not_personal', description: 'intent, sentiment or emotion' },
      base_hash: { class: 'business', purposes: none, erasure: 'not_personal', description: 'global model it was adapted from' },
      base_round: { class: 'business', purposes: none, erasure: 'not_personal', description: 'federated round of the base model' },
      adaptation: { class: 'business', purposes: none, erasure: 'not_personal', description: 'adaptation budget (epochs, learning rate, batch)' },
      examples: { class: 'aggregate', purposes: none, erasure: 'not_personal', description: 'training examples it was adapted on' },
      size_bytes: { class: 'aggregate', purposes: none, erasure: 'not_personal', description: 'size of the bytes' },
      bytes: { class: 'aggregate', purposes: none, erasure: 'not_personal', description: 'serialized adapted weights' },
      created_at: { class: 'business', purposes: none, erasure: 'not_personal', description: 'when stored' },
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
      shard: { class: 'business', purposes: ['model_training'], erasure: 'delete_row', description: 'SISA shard of the region corpus (keyed hash of the subject id mod the shard count)' },
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
      origin_region: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'region that forwarded the request (cross-region requests)' },
      origin_request_id: { class: 'business', purposes: svc, erasure: 'not_personal', description: "the forwarding region's random request id" },
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
  subject_lookup_tags: {
    description: "Keyed hashes of each subject's e-mail and phone under the federation lookup key, so a request filed in another region finds its home without the contact crossing in the clear",
    subjectColumn: 'subject_id',
    columns: {
      subject_id: { class: 'pseudonymous_id', purposes: svc, erasure: 'delete_row', description: 'subject' },
      kind: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'email or phone' },
      tag: { class: 'pseudonymous_id', purposes: svc, erasure: 'delete_row', description: 'HMAC-SHA-256 of the normalised contact under the federation lookup key (every region holds that key: see regions/src/rights/README.md)' },
      key_id: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'which lookup key made the tag' },
      source_bidx: { class: 'pseudonymous_id', purposes: svc, erasure: 'delete_row', description: 'the blind index the tag was computed from (detects a changed contact)' },
      updated_at: { class: 'business', purposes: svc, erasure: 'delete_row', description: 'when computed' },
    },
  },
  rights_forwards: {
    description: 'Requests this region forwarded to the other regions because no local subject matched; the subject is not a resident here',
    columns: {
      request_id: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'the local request' },
      channel: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'email or phone' },
      tag: { class: 'pseudonymous_id', purposes: svc, erasure: 'unlink', description: "lookup tag of a non-resident's contact, held only until every peer has answered (then null); no local subject to link it to" },
      key_id: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'lookup key of the tag' },
      purposes: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'purposes an objection narrows to' },
      state: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'pending or delivered' },
      attempts: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'delivery attempts' },
      last_error: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'last delivery error code' },
      next_attempt_at: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'next delivery attempt' },
      created_at: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'queued' },
      updated_at: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'last change' },
    },
  },
  rights_forward_peers: {
    description: "Each peer region's answer to a forwarded request and the home request's last known status",
    columns: {
      request_id: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'the local request' },
      peer_region: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'region asked' },
      answer: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'accepted, not_here or refused' },
      refusal: { class: 'business', purposes: svc, erasure: 'not_personal', description: "the peer's error code when it refused" },
      peer_request_id: { class: 'business', purposes: svc, erasure: 'not_personal', description: "the home region's random request id" },
      peer_status: { class: 'business', purposes: svc, erasure: 'not_personal', description: "the home request's state, as last polled" },
      peer_deny_reason: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'closed denial code at the home (never a DPO note)' },
      peer_deadline_at: { class: 'business', purposes: svc, erasure: 'not_personal', description: "the home request's statutory deadline" },
      answered_at: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'when the peer answered' },
      status_checked_at: { class: 'business', purposes: svc, erasure: 'not_personal', description: 'last status poll' },
    },
  },
  unlearning_requests: {
    description: 'Model unlearning owed after an erasure: non-personal facts read from lineage before the subject went (never the subject id)',
    columns: {
      request_id: { class: 'business', purposes: none, erasure: 'not_personal', description: 'erasure request' },
      federation: { class: 'business', purposes: none, erasure: 'not_personal', description: 'which federated model' },
      from_round: { class: 'business', purposes: none, erasure: 'not_personal', description: "first round the erased subject's data trained" },
      rounds: { class: 'aggregate', purposes: none, erasure: 'not_personal', description: "rounds the erased subject's data trained" },
      messages: { class: 'aggregate', purposes: none, erasure: 'not_personal', description: 'messages used, summed over those rounds' },
      shards: { class: 'aggregate', purposes: none, erasure: 'not_personal', description: 'SISA shard numbers (a few bits of a keyed hash; the subject key is gone)' },
      status: { class: 'business', purposes: none, erasure: 'not_personal', description: 'pending, running, done or not_needed' },
      run_id: { class: 'business', purposes: none, erasure: 'not_personal', description: 'the retrain that covers it' },
      enqueued_at: { class: 'business', purposes: none, erasure: 'not_personal', description: 'when the erasure queued it' },
      due_at: { class: 'business', purposes: none, erasure: 'not_personal', description: 'scheduled batch' },
    },
  },
  unlearning_runs: {
    description: "Batched rollback-and-retrain runs driven by the region's durable unlearning worker",
    columns: {
      id: { class: 'business', purposes: none, erasure: 'not_personal', description: 'random run id' },
      federation: { class: 'business', purposes: none, erasure: 'not_personal', description: 'which federated model' },
      step: { class: 'business', purposes: none, erasure: 'not_personal', description: 'retrain or done' },
      from_round: { class: 'business', purposes: none, erasure: 'not_personal', description: 'earliest affected round' },
      requests: { class: 'aggregate', purposes: none, erasure: 'not_personal', description: 'erasure requests covered' },
      outcome: { class: 'business', purposes: none, erasure: 'not_personal', description: 'rolled back to, rounds retrained, model hashes' },
      attempts: { class: 'business', purposes: none, erasure: 'not_personal', description: 'failed attempts' },
      last_error: { class: 'business', purposes: none, erasure: 'not_personal', description: 'last error code' },
      run_after: { class: 'business', purposes: none, erasure: 'not_personal', description: 'next attempt' },
      created_at: { class: 'business', purposes: none, erasure: 'not_personal', description: 'when planned' },
      finished_at: { class: 'business', purposes: none, erasure: 'not_personal', description: 'when done' },
    },
  },
  federation_unlearning_runs: {
    description: "The coordinator's rollback-and-retrain runs: the models that replace a federation's rounds",
    columns: {
      federation: { class: 'business', purposes: none, erasure: 'not_personal', description: 'which federated model' },
      generation: { class: 'business', purposes: none, erasure: 'not_personal', description: 'order of the runs' },
      run_id: { class: 'business', purposes: none, erasure: 'not_personal', description: "the requesting region's run id" },
      status: { class: 'business', purposes: none, erasure: 'not_personal', description: 'retraining or committed' },
      rolled_back_to: { class: 'business', purposes: none, erasure: 'not_personal', description: 'round whose model the replay started from' },
      to_round: { class: 'business', purposes: none, erasure: 'not_personal', description: 'last round replayed' },
      previous_model_hash: { class: 'business', purposes: none, erasure: 'not_personal', description: 'checkpoint model replaced' },
      model_hash: { class: 'business', purposes: none, erasure: 'not_personal', description: 'retrained checkpoint model' },
      rounds: { class: 'business', purposes: none, erasure: 'not_personal', description: 'model in/out hash of every retrained round' },
      started_at: { class: 'business', purposes: none, erasure: 'not_personal', description: 'when started' },
      committed_at: { class: 'business', purposes: none, erasure: 'not_personal', description: 'when the checkpoint moved' },
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
