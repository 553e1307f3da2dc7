import { randomUUID } from 'node:crypto';
import type { LedgerEntryInput } from '../../src/ledger/ledger-entry-input.ts';
import type { LedgerEventType } from '../../src/ledger/ledger-event-type.ts';

const TYPES: LedgerEventType[] = ['interaction', 'consent', 'erasure', 'training_round', 'access', 'rights_request'];

/** `count` plausible events; the payload stands in for the personal data the commitment hides. */
export function sampleEntries(count: number, options: { start?: number; subjectId?: string; refId?: string; region?: string } = {}): LedgerEntryInput[] {
  const start = options.start ?? 0;
  return Array.from({ length: count }, (_, k) => {
    const i = start + k;
    return {
      type: TYPES[i % TYPES.length]!,
      region: options.region ?? 'eu',
      time: new Date(Date.UTC(2025, 0, 1, 0, 0, i % 60, i % 1000)),
      refId: options.refId ?? `msg-${i}`,
      subjectId: options.subjectId ?? (i % 3 === 2 ? undefined : randomUUID()),
      payload: Buffer.from(`{"body":"hello from customer ${i}","email":"customer${i}@example.com"}`),
      meta: { route: i % 2 ? 'bot' : 'person', seq: i },
    };
  });
}
