import { randomUUID } from 'node:crypto';
import { sealField } from '@meridian/core/crypto/field-cipher.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { fieldAad } from '../subjects/subject.repository.ts';
import { subjectDataKey } from '../subjects/subject-data-keys.ts';
import type { Notifier } from './notifier.ts';
import type { RegionNode } from '../node/region-node.ts';

/**
 * A `Notifier` that queues notices in `rights_outbox`, sealed under the
 * subject's data key (so erasing the subject shreds them too), for a mailer
 * or SMS gateway to send. The demo's delivery channel.
 *
 * @example
 * await submitRightsRequest(node, input, { notifier: outboxNotifier(node), actor: 'api:console' });
 */
export function outboxNotifier(node: RegionNode): Notifier {
  return {
    async send(trx, n) {
      const dek = await subjectDataKey(node, trx, n.subjectId);
      if (!dek) throw new MeridianError('CONFLICT', 'the subject has no data key (erased)');
      const id = randomUUID();
      await trx
        .insertInto('rights_outbox')
        .values({
          id,
          subject_id: n.subjectId,
          channel: n.channel,
          to_ct: sealField(dek, n.to, fieldAad('rights_outbox', 'to_ct', n.subjectId, id)),
          body_ct: sealField(dek, `${n.subject}\n\n${n.body}`, fieldAad('rights_outbox', 'body_ct', n.subjectId, id)),
          sent_at: null,
        })
        .execute();
    },
  };
}
