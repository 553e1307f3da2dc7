import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { DIALECTS } from '../../test/databases.ts';
import { record } from './node-fixture.ts';
import { servedNodeFor } from './http-fixture.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const TYPED = ['BAD_INPUT', 'RESIDENCY_VIOLATION', 'UNAUTHENTICATED'];

/** Ways to break a valid record: each result is certainly invalid. */
const breakRecord = fc.oneof(
  fc.constantFrom('sourceMessageId', 'channel', 'sentAt', 'text', 'subject').map((k) => (r: any) => { delete r[k]; return r; }),
  fc.constantFrom('externalId', 'homeRegion', 'country').map((k) => (r: any) => { delete r.subject[k]; return r; }),
  fc.string({ maxLength: 12 }).filter((s) => !['chat', 'email', 'whatsapp', 'sms', 'web_form', 'voice_transcript', 'social'].includes(s)).map((s) => (r: any) => ({ ...r, channel: s })),
  fc.string({ maxLength: 20 }).map((s) => (r: any) => ({ ...r, sentAt: `x${s}` })),
  fc.constant((r: any) => ({ ...r, text: '' })),
  fc.constant((r: any) => ({ ...r, text: 'a'.repeat(20_001) })),
  fc.anything().filter((v) => typeof v !== 'string').map((v) => (r: any) => ({ ...r, text: v })),
  fc.anything().filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)).map((v) => (r: any) => ({ ...r, subject: v })),
  fc.constantFrom('sea', 'me').map((region) => (r: any) => ({ ...r, subject: { ...r.subject, homeRegion: region } })),
  fc.constantFrom('SG', 'AE', 'US', 'de', 'DEU').map((c) => (r: any) => ({ ...r, subject: { ...r.subject, country: c } })),
  fc.string({ maxLength: 30 }).filter((s) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s)).map((s) => (r: any) => ({ ...r, subject: { ...r.subject, email: s } })),
  fc.string({ minLength: 1, maxLength: 10 }).map((k) => (r: any) => ({ ...r, [`extra_${k}`]: 1 })),
  fc.constant((r: any) => ({ ...r, consents: [{ purpose: 'service', granted: true }, { purpose: 'service', granted: false }] })),
  fc.constant((r: any) => ({ ...r, consents: [{ purpose: 'marketing', granted: true }] })),
  fc.constant((r: any) => ({ ...r, subject: { ...r.subject, phone: '12' } })),
);

const malformedRecord = fc.oneof(
  { weight: 3, arbitrary: breakRecord.map((f) => f(structuredClone(record('eu')))) },
  { weight: 1, arbitrary: fc.anything() },
);

async function totalRows(db: Kysely<any>): Promise<number> {
  const tables = await sql<{ n: string }>`select table_name as n from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%' and table_name <> 'ledger_head'`.execute(db);
  let n = 0;
  for (const t of tables.rows) n += Number((await sql<{ c: number }>`select count(*)::int8 as c from ${sql.table(t.n)}`.execute(db)).rows[0]!.c);
  return n;
}

describe.each(DIALECTS)('ingestion fuzz on %s', (dialect) => {
  const h = servedNodeFor(dialect);

  const expectTyped4xx = (r: { status: number; json: any }) => {
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(TYPED).toContain(r.json?.error?.data?.meridianCode);
  };

  it(`ingest.message: ${RUNS} malformed inputs each get a typed 4xx and store nothing`, async () => {
    await fc.assert(fc.asyncProperty(malformedRecord, async (input) => expectTyped4xx(await h.http.call('ingest.message', input === undefined ? {} : input))), { numRuns: RUNS });
    expect(await totalRows(h.node.db)).toBe(0);
  });

  it(`ingest.batch: ${RUNS} batches with a malformed record each get a typed 4xx and store nothing`, async () => {
    const batch = fc.tuple(fc.array(fc.constant(0), { maxLength: 3 }), malformedRecord, fc.array(fc.constant(0), { maxLength: 3 }), fc.boolean());
    await fc.assert(
      fc.asyncProperty(batch, async ([pre, bad, post, wrapped]) => {
        const records = [...pre.map(() => record('eu')), bad, ...post.map(() => record('eu'))];
        // Half the time the envelope itself is broken too.
        const body = wrapped ? { records } : { records, unexpected: true };
        expectTyped4xx(await h.http.call('ingest.batch', body));
      }),
      { numRuns: RUNS },
    );
    expect(await totalRows(h.node.db)).toBe(0);
  });

  it('malformed HTTP bodies (not JSON, empty, huge) get a typed 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }).filter((s) => { try { JSON.parse(s); return false; } catch { return true; } }), async (body) => {
        for (const p of ['ingest.message', 'ingest.batch']) {
          const r = await h.http.call(p, body);
          expect(r.status).toBeGreaterThanOrEqual(400);
          expect(r.status).toBeLessThan(500);
        }
      }),
      { numRuns: 100 },
    );
    const huge = await h.http.call('ingest.batch', { records: Array.from({ length: 1001 }, () => record('eu')) });
    expectTyped4xx(huge);
    expect(await totalRows(h.node.db)).toBe(0);
    // The node is still up and serving.
    expect((await h.http.call('ingest.message', record('eu'))).status).toBe(200);
  });
});
