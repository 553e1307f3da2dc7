import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database, DbOrTrx } from '@meridian/core/db/database.ts';
import type { RightsRequestRow } from '@meridian/core/db/schema/rights.table.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { RegionNode } from '../node/region-node.ts';
import type { NodeEvent } from '../node/event-recorder.ts';
import { NEXT_STATES, type RightsRequestState } from './rights-request-type.ts';

const COLUMNS = [
  'id', 'type', 'status', 'jurisdiction', 'requested_by', 'received_at', 'statutory_deadline_at', 'target_at',
  'extended_deadline_at', 'extension_reason', 'extended_by', 'verified_at', 'approved_at', 'approved_by',
  'executing_at', 'completed_at', 'denied_at', 'deny_reason', 'outcome', 'origin_region', 'origin_request_id',
] as const;

/**
 * Storage of rights requests (no personal data in these rows) and the ledger
 * events of their lifecycle. Functions take `db | trx`.
 *
 * @example
 * const r = await rightsRequests.get(node.db, requestId);
 * await rightsRequests.transition(trx, requestId, 'verified', { verified_at: now });
 */
export const rightsRequests = {
  async find(db: DbOrTrx, id: string): Promise<RightsRequestRow | undefined> {
    return db.selectFrom('rights_requests').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  },

  async get(db: DbOrTrx, id: string): Promise<RightsRequestRow> {
    const r = await this.find(db, id);
    if (!r) throw new MeridianError('NOT_FOUND', 'no rights request with that id', { requestId: id });
    return r;
  },

  /** Locks the row for the rest of the transaction (decisions read-then-write it). */
  async getForUpdate(trx: Transaction<Database>, id: string): Promise<RightsRequestRow> {
    const r = await trx.selectFrom('rights_requests').select(COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!r) throw new MeridianError('NOT_FOUND', 'no rights request with that id', { requestId: id });
    return r;
  },

  /** Every request not yet completed or denied (SLA checks); a forwarded one is tracked by its home region. */
  async open(db: DbOrTrx): Promise<RightsRequestRow[]> {
    return db.selectFrom('rights_requests').select(COLUMNS).where('status', 'not in', ['completed', 'denied', 'forwarded']).orderBy('received_at').execute();
  },

  async list(db: DbOrTrx, opts: { status?: RightsRequestState; limit?: number } = {}): Promise<RightsRequestRow[]> {
    let q = db.selectFrom('rights_requests').select(COLUMNS).orderBy('received_at', 'desc').limit(opts.limit ?? 100);
    if (opts.status) q = q.where('status', '=', opts.status);
    return q.execute();
  },

  /** Moves a request along the state machine; CONFLICT when the move is not allowed from its current state. */
  async transition(trx: DbOrTrx, current: RightsRequestRow, to: RightsRequestState, set: Partial<Omit<RightsRequestRow, 'id' | 'status' | 'outcome'>> & { outcome?: string }): Promise<void> {
    const from = current.status as RightsRequestState;
    if (!NEXT_STATES[from].includes(to)) {
      throw new MeridianError('CONFLICT', `a ${from} request cannot become ${to}`, { requestId: current.id, from, to });
    }
    const r = await trx.updateTable('rights_requests').set({ ...set, status: to }).where('id', '=', current.id).where('status', '=', from).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new MeridianError('CONFLICT', 'the request changed concurrently', { requestId: current.id, from, to });
  },
};

/**
 * A lifecycle event of a request, for the ledger. Deliberately without
 * `subjectId`: its salt must survive the subject's erasure, so the request's
 * own history stays provable after they are gone.
 */
export function requestEvent(type: NodeEvent['type'], requestId: string, at: Date, meta: Record<string, string | number>): NodeEvent {
  const payload = createHash('sha256').update(JSON.stringify({ requestId, type, at: at.toISOString(), meta })).digest();
  return { type, refId: requestId, payload, meta };
}

/** Records lifecycle events in the caller's transaction, when the node has a ledger. */
export async function recordRequestEvents(node: RegionNode, trx: Transaction<Database>, events: readonly NodeEvent[]): Promise<void> {
  if (node.events && events.length) await node.events.record(trx, events);
}
