import { randomUUID, createHash } from 'node:crypto';
import { blindIndex } from '@meridian/core/crypto/blind-index.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { Purpose } from '@meridian/core/catalog/data-class.ts';
import { recordConsentChanges } from './consent.repository.ts';
import type { RegionNode } from '../node/region-node.ts';

async function subjectIdByExternalId(node: RegionNode, externalId: string): Promise<string> {
  const row = await node.db.selectFrom('subjects').select('id').where('external_ref_bidx', '=', blindIndex(node.keyring.blindIndexKey, 'external_ref', externalId)).executeTakeFirst();
  if (!row) throw new MeridianError('NOT_FOUND', 'no subject with that customer id in this region');
  return row.id;
}

/**
 * Records a consent grant or withdrawal for a subject found by the shop's
 * customer id, with its ledger proof, in one transaction. Repeating the current
 * state records nothing.
 */
export async function changeConsent(node: RegionNode, input: { externalId: string; purpose: Purpose; granted: boolean; source: string }) {
  const subjectId = await subjectIdByExternalId(node, input.externalId);
  return node.db.transaction().execute(async (trx) => {
    const now = node.now();
    const recorded = await recordConsentChanges(trx, [{ subjectId, purpose: input.purpose, granted: input.granted, source: input.source }], now);
    if (recorded.length && node.events) {
      await node.events.record(trx, [
        {
          type: 'consent',
          refId: randomUUID(),
          subjectId,
          payload: createHash('sha256').update(`${subjectId}|${input.purpose}|${input.granted}|${now.toISOString()}`).digest(),
          meta: { purpose: input.purpose, granted: String(input.granted) },
        },
      ]);
    }
    for (const c of recorded) node.metrics.consentChanges.inc({ purpose: c.purpose, granted: String(c.granted) });
    return { changed: recorded.length > 0, recordedAt: now };
  });
}

/** A subject's consent history, oldest first (purpose, state, source, time; nothing personal). */
export async function consentHistory(node: RegionNode, externalId: string) {
  const subjectId = await subjectIdByExternalId(node, externalId);
  return node.db.selectFrom('consents').select(['purpose', 'granted', 'source', 'recorded_at']).where('subject_id', '=', subjectId).orderBy('id').execute();
}
