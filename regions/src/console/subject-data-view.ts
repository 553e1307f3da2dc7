import { sql } from 'kysely';
import { openField } from '@meridian/core/crypto/field-cipher.ts';
import type { RightsRequestRow } from '@meridian/core/db/schema/rights.table.ts';
import type { RegionNode } from '../node/region-node.ts';
import { fieldAad } from '../subjects/subject.repository.ts';
import { subjectDataKey } from '../subjects/subject-data-keys.ts';
import { recordPersonalDataView } from './personal-data-view.ts';
import type { ConsoleAccess } from './console-procedure.ts';

export interface SubjectDataView {
  requestId: string;
  /** Null when no subject matched the request, or the subject is gone (erased). */
  subject: {
    status: string;
    jurisdiction: string;
    name: string | null;
    email: string | null;
    phone: string | null;
    firstSeen: string;
    lastActivity: string;
    /** Counts only: what a DPO needs to scope the request, not the conversations. */
    messages: { total: number; byChannel: Record<string, number>; first: string | null; last: string | null };
  } | null;
  /** The request's own personal details (a rectification's new value, an objection's purposes). */
  details: unknown;
  /** The view was recorded on the ledger under the request id. */
  recorded: boolean;
}

/**
 * What a DPO needs to handle an open request: the subject's name and contacts,
 * decrypted, the request's details, and message counts (not texts). The view
 * is recorded on the ledger in the same transaction that reads the data.
 * Call it only after the ability allowed `read SubjectPersonalData` on this request.
 *
 * @example
 * const view = await viewSubjectData(node, request, ctx.access);
 */
export async function viewSubjectData(node: RegionNode, request: RightsRequestRow, access: ConsoleAccess): Promise<SubjectDataView> {
  return node.db.transaction().execute(async (trx): Promise<SubjectDataView> => {
    const link = await trx.selectFrom('rights_request_subjects').select(['subject_id', 'details_ct']).where('request_id', '=', request.id).executeTakeFirst();
    const dek = link ? await subjectDataKey(node, trx, link.subject_id) : undefined;
    const s = link && dek
      ? await trx.selectFrom('subjects').select(['status', 'jurisdiction', 'name_ct', 'email_ct', 'phone_ct', 'created_at', 'last_activity_at']).where('id', '=', link.subject_id).executeTakeFirst()
      : undefined;
    if (!link || !dek || !s) return { requestId: request.id, subject: null, details: null, recorded: false };
    await recordPersonalDataView(node, trx, request.id, 'subject_data', access);
    const id = link.subject_id;
    const open = (ct: Uint8Array | null, col: string) => (ct ? openField(dek, ct, fieldAad('subjects', col, id)) : null);
    const channels = await trx
      .selectFrom('messages')
      .select(['channel', sql<string>`count(*)`.as('n'), sql<Date>`min(sent_at)`.as('first'), sql<Date>`max(sent_at)`.as('last')])
      .where('subject_id', '=', id)
      .groupBy('channel')
      .execute();
    const firsts = channels.map((c) => new Date(c.first).getTime());
    const lasts = channels.map((c) => new Date(c.last).getTime());
    return {
      requestId: request.id,
      subject: {
        status: s.status,
        jurisdiction: s.jurisdiction,
        name: open(s.name_ct, 'name_ct'),
        email: open(s.email_ct, 'email_ct'),
        phone: open(s.phone_ct, 'phone_ct'),
        firstSeen: s.created_at.toISOString(),
        lastActivity: s.last_activity_at.toISOString(),
        messages: {
          total: channels.reduce((a, c) => a + Number(c.n), 0),
          byChannel: Object.fromEntries(channels.map((c) => [c.channel, Number(c.n)])),
          first: firsts.length ? new Date(Math.min(...firsts)).toISOString() : null,
          last: lasts.length ? new Date(Math.max(...lasts)).toISOString() : null,
        },
      },
      details: link.details_ct ? JSON.parse(openField(dek, link.details_ct, fieldAad('rights_request_subjects', 'details_ct', id, request.id))) : null,
      recorded: true,
    };
  });
}
