/** How sensitive a column's content is about a person (DESIGN.md §3). */
export const DATA_CLASSES = [
  'direct_identifier',
  'contact',
  'free_text',
  'special_category',
  'pseudonymous_id',
  'business',
  'aggregate',
] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

/** The processing purposes a subject can consent to. */
export const PURPOSES = ['service', 'model_training', 'analytics'] as const;
export type Purpose = (typeof PURPOSES)[number];

/** What erasing a subject does to a column. */
export const ERASURE_RULES = [
  /** The row goes when the subject goes (cascade from `subjects`). */
  'delete_row',
  /** The subject's data key is destroyed; ciphertext anywhere becomes unreadable. */
  'destroy_key',
  /** Kept, but unlinkable once the subject's salts are deleted (ledger commitments). */
  'unlink',
  /** Holds nothing about a person. */
  'not_personal',
] as const;
export type ErasureRule = (typeof ERASURE_RULES)[number];
