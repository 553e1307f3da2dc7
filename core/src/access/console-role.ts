/**
 * The roles of console users (DESIGN.md §7). Every role is held for one region
 * at a time (a grant); nothing is implied across regions or between roles:
 * - `operator`: node health, traffic aggregates (differentially private), training and models;
 * - `dpo`: rights requests of the region, and a subject's data only inside an open request;
 * - `auditor`: ledger proofs, evidence bundles and non-personal metadata;
 * - `admin`: console accounts and grants of the region, nothing else (no data of any kind).
 */
export const CONSOLE_ROLES = ['operator', 'dpo', 'auditor', 'admin'] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];
