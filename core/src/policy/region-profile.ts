import { z } from 'zod';
import { DATA_CLASSES } from '../catalog/data-class.ts';
import { SPECIAL_CATEGORIES } from '../special-categories/special-category.ts';

export const REGIONS = ['eu', 'sea', 'me'] as const;
export type Region = (typeof REGIONS)[number];

/**
 * What a profile may do with a message that holds a special category:
 * - `restrict`: store it encrypted, but never for model training or analytics;
 * - `redact_sentence`: remove every sentence that mentions it before storage;
 * - `redact_message`: store none of the text, only a placeholder.
 */
export const SPECIAL_CATEGORY_HANDLING = ['restrict', 'redact_sentence', 'redact_message'] as const;
export type SpecialCategoryHandling = (typeof SPECIAL_CATEGORY_HANDLING)[number];

const retentionDays = z.partialRecord(z.enum(DATA_CLASSES), z.number().int().positive());

export const jurisdictionSchema = z.strictObject({
  code: z.string().regex(/^[A-Z]{2}-[A-Z]+$/),
  law: z.string().min(1),
  countries: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1),
  rightsDeadline: z.strictObject({
    days: z.number().int().positive(),
    basis: z.string(),
    extensionDays: z.number().int().nonnegative(),
    extensionBasis: z.string(),
  }),
  retentionDays,
});

/**
 * Lifetime (ε, δ) of subject-level DP per federated model (key: the task,
 * e.g. `intent`). Training a model past it is refused (`BUDGET_EXCEEDED`).
 */
export const privacyBudgetSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9-]{0,63}$/),
  z.strictObject({ epsilon: z.number().positive(), delta: z.number().positive().lt(1) }),
);

/** A region's rules, kept as data (profiles/*.json) and validated at load. */
export const regionProfileSchema = z.strictObject({
  region: z.enum(REGIONS),
  name: z.string(),
  location: z.string(),
  languages: z.array(z.string()).min(1),
  jurisdictions: z.array(jurisdictionSchema).min(1),
  specialCategories: z.strictObject({
    default: z.enum(SPECIAL_CATEGORY_HANDLING),
    byCategory: z.partialRecord(z.enum(SPECIAL_CATEGORIES), z.enum(SPECIAL_CATEGORY_HANDLING)),
  }),
  privacyBudget: privacyBudgetSchema,
  transfers: z.strictObject({
    personalData: z.literal('deny'),
    allowedOutbound: z.array(z.enum(['model_update', 'aggregate_metric', 'ledger_checkpoint', 'keyed_hash_lookup'])),
    businessData: z.literal('encrypted_deidentified'),
  }),
});

export type RegionProfile = z.infer<typeof regionProfileSchema>;
export type Jurisdiction = z.infer<typeof jurisdictionSchema>;
