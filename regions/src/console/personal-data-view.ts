import type { Transaction } from 'kysely';
import type { Database } from '@meridian/core/db/database.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { RegionNode } from '../node/region-node.ts';
import { requestEvent } from '../rights/rights-request.repository.ts';
import type { ConsoleAccess } from './console-procedure.ts';

/** The console views that show a subject's personal data; each one is proven on the ledger. */
export type PersonalDataView = 'subject_data' | 'consent_history' | 'access_report';

/**
 * Records on the ledger, in `trx`, that a console user viewed a subject's
 * personal data through a request: an `access` leaf with the request id as
 * refId and the view, the viewer (`console:<user id>`) and their session as
 * metadata, nothing personal. Callers read the data in the same transaction,
 * so a view whose proof does not commit shows nothing. A node without a ledger
 * refuses the view (UNAVAILABLE) rather than show it unrecorded.
 *
 * @example
 * await node.db.transaction().execute(async (trx) => { await recordPersonalDataView(node, trx, requestId, 'subject_data', access); ... });
 */
export async function recordPersonalDataView(node: RegionNode, trx: Transaction<Database>, requestId: string, view: PersonalDataView, access: ConsoleAccess): Promise<void> {
  if (!node.events) throw new MeridianError('UNAVAILABLE', 'this node has no ledger to record the view on, so it shows no personal data', { view });
  const event = requestEvent('access', requestId, node.now(), { action: 'console_view', view, by: access.actor, session: access.identity.sessionId });
  await node.events.record(trx, [event]);
}
