import { describe, it, expect } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from '@meridian/core/logging/create-logger.ts';
import { ingestAtomically } from '../src/ingest/ingest-batch.ts';
import { runRetention } from '../src/retention/run-retention.ts';
import { testNode, record } from './node-fixture.ts';
import { serve } from './http-fixture.ts';

describe('structured logs', () => {
  it('carry no personal data through ingestion, refusals, retention and internal errors', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const logger = createLogger({ component: 'region', region: 'eu' }, sink);
    logger.level = 'trace';
    let clock = new Date('2026-01-01T00:00:00Z');
    const node = await testNode('eu', 'pglite', { logger, now: () => clock });
    const http = await serve(node);
    const canary = { name: 'Logcanary Vexqor', email: 'logcanary.vexqor@example.org', phone: '+49 30 5550 7719', text: 'Vexqor logcanary: parcel 9Q never came', externalId: 'cust-logcanary-vexqor' };
    try {
      await ingestAtomically(node, [record('eu', { text: canary.text, subject: { externalId: canary.externalId, name: canary.name, email: canary.email, phone: canary.phone } })]);
      await http.call('ingest.message', record('sea', { text: canary.text, subject: { name: canary.name, email: canary.email } }));
      await http.call('ingest.message', { ...record('eu', { text: canary.text, subject: { email: canary.email } }), sentAt: canary.name });
      // An internal failure mid-request (the database is gone) is logged, but only as an error name and message.
      clock = new Date('2027-06-01T00:00:00Z');
      await runRetention(node);
      await node.database.close();
      await http.call('ingest.message', record('eu', { text: canary.text, subject: { externalId: canary.externalId, email: canary.email } }));
      logger.info({ subject: { email: canary.email }, text: canary.text }, 'a careless call site');
    } finally {
      await http.server.close();
    }
    const all = lines.join('');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(all).toMatch(/procedure failed/);
    expect(all).toMatch(/retention expired data/);
    for (const v of Object.values(canary)) expect(all).not.toContain(v);
  });
});
