import type { DbOrTrx } from '@meridian/core/db/database.ts';
import type { RightsRequestRow } from '@meridian/core/db/schema/rights.table.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { rightsRequests } from '../rights-request.repository.ts';

/**
 * The home region's requests by where they came from: a peer can only reach
 * requests that its own region forwarded.
 *
 * @example
 * const r = await originRequests.get(node.db, 'eu', originRequestId); // NOT_FOUND unless eu forwarded it
 */
export const originRequests = {
  async find(db: DbOrTrx, originRegion: string, originRequestId: string): Promise<RightsRequestRow | undefined> {
    const row = await db.selectFrom('rights_requests').select('id').where('origin_region', '=', originRegion).where('origin_request_id', '=', originRequestId).executeTakeFirst();
    return row ? rightsRequests.find(db, row.id) : undefined;
  },

  async get(db: DbOrTrx, originRegion: string, originRequestId: string): Promise<RightsRequestRow> {
    const r = await this.find(db, originRegion, originRequestId);
    if (!r) throw new MeridianError('NOT_FOUND', 'no request forwarded from that region with that id', { originRegion, requestId: originRequestId });
    return r;
  },
};
