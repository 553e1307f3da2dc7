import type { RightsRequestRow } from '@meridian/core/db/schema/rights.table.ts';
import type { RegionNode } from '../node/region-node.ts';
import { recordPersonalDataView } from './personal-data-view.ts';
import type { ConsoleAccess } from './console-procedure.ts';

export interface ConsentHistoryView {
  requestId: string;
  /** Oldest first; null when no subject matched the request or they are gone. */
  history: { purpose: string; granted: boolean; source: string; recordedAt: string }[] | null;
  /** The latest state per purpose (absent: never asked). */
  current: Record<string, boolean> | null;
  recorded: boolean;
}

/**
 * The consent history of the subject of one request, recorded on the ledger
 * as a personal-data view in the same transaction that reads it. Call it only
 * after the ability allowed `read ConsentHistory` on this request.
 *
 * @example
 * const { history } = await viewConsentHistory(node, request, ctx.access);
 */
export async function viewConsentHistory(node: RegionNode, request: RightsRequestRow, access: ConsoleAccess): Promise<ConsentHistoryView> {
  return node.db.transaction().execute(async (trx): Promise<ConsentHistoryView> => {
    const link = await trx.selectFrom('rights_request_subjects').select('subject_id').where('request_id', '=', request.id).executeTakeFirst();
    if (!link) return { requestId: request.id, history: null, current: null, recorded: false };
    await recordPersonalDataView(node, trx, request.id, 'consent_history', access);
    const rows = await trx.selectFrom('consents').select(['purpose', 'granted', 'source', 'recorded_at']).where('subject_id', '=', link.subject_id).orderBy('id').execute();
    const current: Record<string, boolean> = {};
    for (const r of rows) current[r.purpose] = r.granted;
    return {
      requestId: request.id,
      history: rows.map((r) => ({ purpose: r.purpose, granted: r.granted, source: r.source, recordedAt: r.recorded_at.toISOString() })),
      current,
      recorded: true,
    };
  });
}
