import type { Transaction } from 'kysely';
import type { Database } from '@meridian/core/db/database.ts';
import { blindIndex } from '@meridian/core/crypto/blind-index.ts';
import { openField, sealField } from '@meridian/core/crypto/field-cipher.ts';
import type { Purpose } from '@meridian/core/catalog/data-class.ts';
import { fieldAad } from '../subjects/subject.repository.ts';
import { recordConsentChanges } from '../consent/consent.repository.ts';
import type { RegionNode } from '../node/region-node.ts';
import { subjectDataKey } from '../subjects/subject-data-keys.ts';
import type { RightsRequestType } from './rights-request-type.ts';
import { tagSubjectContacts } from './cross-region/tag-subject-contacts.ts';

/** What opting out of sale/sharing withdraws: the purposes whose outputs leave the service (model updates, analytics). Meridian sells nothing. */
export const OPT_OUT_PURPOSES: readonly Purpose[] = ['model_training', 'analytics'];
/** What an objection withdraws unless it names purposes (Art. 21: processing on legitimate interests; `service` is the contract). */
export const DEFAULT_OBJECTION_PURPOSES: readonly Purpose[] = ['model_training', 'analytics'];

/**
 * Carries out a non-erasure request in the caller's transaction and returns
 * counts of what changed (nothing personal). Idempotent: rectifying to the
 * same value, restricting a restricted subject or withdrawing a withdrawn
 * consent changes nothing. Access changes nothing: its report is built on demand.
 *
 * @example
 * const outcome = await applyRightsRequest(node, trx, { requestId, kind: 'restriction', subjectId });
 */
export async function applyRightsRequest(
  node: RegionNode,
  trx: Transaction<Database>,
  job: { requestId: string; kind: Exclude<RightsRequestType, 'erasure'>; subjectId: string },
): Promise<Record<string, number>> {
  const subject = await trx.selectFrom('subjects').select(['id', 'status']).where('id', '=', job.subjectId).executeTakeFirst();
  const dek = subject ? await subjectDataKey(node, trx, job.subjectId) : undefined;
  if (!subject || !dek) return { subject_found: 0 };
  const link = await trx.selectFrom('rights_request_subjects').select('details_ct').where('request_id', '=', job.requestId).executeTakeFirst();
  const details = link?.details_ct
    ? (JSON.parse(openField(dek, link.details_ct, fieldAad('rights_request_subjects', 'details_ct', job.subjectId, job.requestId))) as { field?: 'name' | 'email' | 'phone'; value?: string; purposes?: Purpose[] })
    : {};
  switch (job.kind) {
    case 'access':
      return { subject_found: 1 };
    case 'restriction': {
      const r = await trx.updateTable('subjects').set({ status: 'restricted' }).where('id', '=', job.subjectId).where('status', '!=', 'restricted').executeTakeFirst();
      return { subject_found: 1, restricted: Number(r.numUpdatedRows) };
    }
    case 'rectification': {
      if (!details.field || details.value === undefined) return { subject_found: 1, rectified: 0 };
      const ct = sealField(dek, details.value, fieldAad('subjects', `${details.field}_ct`, job.subjectId));
      const set =
        details.field === 'name'
          ? { name_ct: ct }
          : details.field === 'email'
            ? { email_ct: ct, email_bidx: blindIndex(node.keyring.blindIndexKey, 'email', details.value) }
            : { phone_ct: ct, phone_bidx: blindIndex(node.keyring.blindIndexKey, 'phone', details.value) };
      await trx.updateTable('subjects').set(set).where('id', '=', job.subjectId).execute();
      // The other regions find the subject by their corrected contact from now on.
      if ('email_bidx' in set) await tagSubjectContacts(node, trx, [{ subjectId: job.subjectId, email: details.value, emailBidx: set.email_bidx }]);
      if ('phone_bidx' in set) await tagSubjectContacts(node, trx, [{ subjectId: job.subjectId, phone: details.value, phoneBidx: set.phone_bidx }]);
      return { subject_found: 1, rectified: 1 };
    }
    case 'objection':
    case 'opt_out_sale': {
      const purposes = job.kind === 'opt_out_sale' ? OPT_OUT_PURPOSES : (details.purposes ?? DEFAULT_OBJECTION_PURPOSES);
      const recorded = await recordConsentChanges(
        trx,
        purposes.map((purpose) => ({ subjectId: job.subjectId, purpose, granted: false, source: `rights_request:${job.kind}` })),
        node.now(),
      );
      return { subject_found: 1, consents_withdrawn: recorded.length };
    }
  }
}
