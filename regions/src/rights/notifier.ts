import type { Transaction } from 'kysely';
import type { Database } from '@meridian/core/db/database.ts';

/** One message to a data subject at their contact on file. */
export interface SubjectNotice {
  subjectId: string;
  channel: 'email' | 'phone';
  /** The address on file (decrypted only to hand it to the notifier). */
  to: string;
  subject: string;
  body: string;
}

/**
 * Delivers notices to subjects (verification codes). Called inside the
 * request's transaction so a notice exists only if the request does.
 * Implementations must never log `to` or `body`.
 */
export interface Notifier {
  send(trx: Transaction<Database>, notice: SubjectNotice): Promise<void>;
}
