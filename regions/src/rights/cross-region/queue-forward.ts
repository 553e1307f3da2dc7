import type { Transaction } from 'kysely';
import type { Database } from '@meridian/core/db/database.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { Purpose } from '@meridian/core/catalog/data-class.ts';
import type { RegionNode } from '../../node/region-node.ts';
import { recordRequestEvents, requestEvent } from '../rights-request.repository.ts';
import { lookupTag, type LookupKind } from './lookup-tag.ts';

/**
 * Queues a request for the other regions, in the intake's transaction: the
 * lookup tag of the contact the requester gave (the contact itself is not
 * kept), to be offered to every peer by `deliverForward`. The tag is held only
 * until every peer has answered.
 *
 * @example
 * await queueForward(node, trx, { requestId, contact: { channel: 'email', value: 'ana@example.org' } });
 */
export async function queueForward(
  node: RegionNode,
  trx: Transaction<Database>,
  f: { requestId: string; contact: { channel: LookupKind; value: string }; purposes?: readonly Purpose[] },
): Promise<void> {
  const key = node.crossRegion?.lookupKey;
  if (!key) throw new MeridianError('UNAVAILABLE', 'this node holds no federation lookup key', { reason: 'no_lookup_key' });
  const now = node.now();
  await trx
    .insertInto('rights_forwards')
    .values({
      request_id: f.requestId,
      channel: f.contact.channel,
      tag: lookupTag(key, f.contact.channel, f.contact.value),
      key_id: key.id,
      purposes: f.purposes ? JSON.stringify(f.purposes) : null,
      state: 'pending',
      last_error: null,
      next_attempt_at: now,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await recordRequestEvents(node, trx, [requestEvent('rights_request', f.requestId, now, { action: 'forward_queued', channel: f.contact.channel })]);
}
