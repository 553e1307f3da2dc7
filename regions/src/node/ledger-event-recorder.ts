import type { Ledger } from '@meridian/audit/ledger/ledger.ts';
import type { EventRecorder } from './event-recorder.ts';

/** Records a node's events on its audit ledger, in the caller's transaction. */
export function ledgerEventRecorder(ledger: Ledger, region: string, now: () => Date): EventRecorder {
  return {
    async record(trx, events) {
      const time = now();
      await ledger.append(
        trx,
        events.map((e) => ({ type: e.type, region, time, refId: e.refId, subjectId: e.subjectId, payload: e.payload, meta: e.meta })),
      );
    },
  };
}
