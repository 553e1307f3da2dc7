/**
 * Every kind of event the ledger proves. A closed list: a leaf with any other
 * type is refused at append and flagged by `meridian verify`.
 */
export const LEDGER_EVENT_TYPES = [
  'interaction',
  'consent',
  'erasure',
  'rectification',
  'restriction',
  'access',
  'rights_request',
  'training_round',
  'model_release',
  'key_rotation',
  /** Data expired by the retention policy (counts only; no subject). */
  'retention',
] as const;

export type LedgerEventType = (typeof LEDGER_EVENT_TYPES)[number];
