import { subject, type ForcedSubject } from '@casl/ability';
import type { Region } from '../policy/region-profile.ts';

/**
 * What console users act on, with the fields the rules look at. Every subject
 * carries the region whose data it is; request-scoped ones carry the state of
 * the request through which they are reached.
 */
export interface ConsoleSubjectFields {
  /** A rights request's non-personal record: type, state, deadlines, decisions. */
  RightsRequest: { region: Region; status: string; type: string };
  /** A subject's decrypted personal data (name, contact, request details), reached through one request. */
  SubjectPersonalData: { region: Region; requestStatus: string };
  /** A subject's consent history, reached through one request. */
  ConsentHistory: { region: Region; requestStatus: string };
  /** The access report (all data held on a subject) of a completed access request. */
  AccessReport: { region: Region; requestStatus: string; requestType: string };
  /** Catalog classes, purposes and retention per jurisdiction. */
  DataMap: { region: Region };
  NodeHealth: { region: Region };
  /** Ingestion, routing and residency aggregates (differentially private). */
  RoutingStats: { region: Region };
  TrainingRound: { region: Region };
  ModelVersion: { region: Region };
  /** The ε budgets of federated training. */
  PrivacyBudget: { region: Region };
  LedgerCheckpoint: { region: Region };
  EvidenceBundle: { region: Region };
  /** A console account's grant in `region` (kept in the console's own database). */
  ConsoleUser: { region: Region; id: string };
}

export type ConsoleSubjectType = keyof ConsoleSubjectFields;

export const CONSOLE_SUBJECT_TYPES = [
  'RightsRequest', 'SubjectPersonalData', 'ConsentHistory', 'AccessReport', 'DataMap', 'NodeHealth', 'RoutingStats',
  'TrainingRound', 'ModelVersion', 'PrivacyBudget', 'LedgerCheckpoint', 'EvidenceBundle', 'ConsoleUser',
] as const satisfies readonly ConsoleSubjectType[];
// Fails to compile when a subject type is missing from the list above.
const everySubjectListed: [Exclude<ConsoleSubjectType, (typeof CONSOLE_SUBJECT_TYPES)[number]>] extends [never] ? true : never = true;
void everySubjectListed;

/** A subject instance as CASL checks it: its fields, tagged with its type (`subject(type, fields)`). */
export type ConsoleSubjectInstance = { [K in ConsoleSubjectType]: ConsoleSubjectFields[K] & ForcedSubject<K> }[ConsoleSubjectType];

/**
 * A typed subject instance for an ability check (CASL's `subject()` with the
 * fields this type's rules look at). A copy: the caller's object is not tagged.
 *
 * @example
 * ability.can('read', consoleSubject('SubjectPersonalData', { region: 'eu', requestStatus: 'verified' }));
 */
export function consoleSubject<S extends ConsoleSubjectType>(type: S, fields: ConsoleSubjectFields[S]): ConsoleSubjectInstance {
  return subject(type, { ...fields }) as unknown as ConsoleSubjectInstance;
}
