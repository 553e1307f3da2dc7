import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { DIALECTS } from '../../test/databases.ts';
import { dumpDatabase, findCanaries } from '../../test/dump-database.ts';
import { ingestAtomically, prepareRecords } from '../src/ingest/ingest-batch.ts';
import { testNode, record } from './node-fixture.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { openField } from '@meridian/core/crypto/field-cipher.ts';
import { fieldAad } from '../src/subjects/subject.repository.ts';

async function rowCounts(db: Kysely<any>): Promise<Record<string, number>> {
  const tables = await sql<{ n: string }>`select table_name as n from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db);
  const out: Record<string, number> = {};
  for (const { n } of tables.rows) {
    if (n.startsWith('kysely_')) continue;
    const r = await sql<{ c: number }>`select count(*)::int8 as c from ${sql.table(n)}`.execute(db);
    out[n] = r.rows[0]!.c;
  }
  return out;
}

describe.each(DIALECTS)('ingestion on %s', (dialect) => {
  let node: Awaited<ReturnType<typeof testNode>>;
  beforeAll(async () => {
    node = await testNode('eu', dialect);
  });
  afterAll(async () => node?.close());

  it('refuses a sea subject at the eu node with RESIDENCY_VIOLATION and leaves every table empty', async () => {
    const before = await rowCounts(node.db);
    const err = await ingestAtomically(node, [record('sea', { subject: { email: 'tan@example.com', name: 'Tan Wei' } })]).catch((e) => e);
    expect(err).toBeInstanceOf(MeridianError);
    expect(err.code).toBe('RESIDENCY_VIOLATION');
    expect(err.status).toBe(422);
    expect(await rowCounts(node.db)).toEqual(before);
    // Nothing but the ledger's fixed head row exists in a fresh node.
    expect(Object.entries(before).filter(([t, c]) => c !== 0 && t !== 'ledger_head')).toEqual([]);
  });

  it('dump grep finds a value stored in the clear (control for the canary checks)', async () => {
    await sql`create table scratch_control (v text)`.execute(node.db);
    await sql`insert into scratch_control values ('Control Yqpwz Plaintext')`.execute(node.db);
    expect(findCanaries(await dumpDatabase(node.test), ['Control Yqpwz Plaintext'])).toEqual(['Control Yqpwz Plaintext']);
    await sql`drop table scratch_control`.execute(node.db);
  });

  it('stores personal fields only as ciphertext that opens with the subject key', async () => {
    const canaries = { name: 'Canary Zqxjvwk Ostrowska', email: 'canary-zqxjvwk@example.org', phone: '+49 30 5550 8841', text: 'Zqxjvwk canary: my parcel 77QX never came', order: 'ORD-ZQXJ-9931' };
    const [r] = await ingestAtomically(node, [
      record('eu', { text: canaries.text, orderRef: canaries.order, subject: { externalId: 'cust-canary-zqxj', name: canaries.name, email: canaries.email, phone: canaries.phone } }),
    ]);
    const dump = await dumpDatabase(node.test);
    expect(dump.length).toBeGreaterThan(10_000);
    expect(findCanaries(dump, [...Object.values(canaries), 'cust-canary-zqxj'])).toEqual([]);
    // ...and the ciphertext really is the data: the subject's key opens it.
    const msg = await node.db.selectFrom('messages').select(['body_ct', 'subject_id']).where('id', '=', r!.messageId).executeTakeFirstOrThrow();
    const dek = node.keys.get(msg.subject_id)!;
    expect(openField(dek, msg.body_ct, fieldAad('messages', 'body_ct', msg.subject_id, r!.messageId))).toBe(canaries.text);
  });

  it('finds the same subject again by shop id and stores a replayed message once', async () => {
    const a = record('eu', { subject: { externalId: 'cust-replay' } });
    const [first] = await ingestAtomically(node, [a]);
    const [again] = await ingestAtomically(node, [a]);
    const [second] = await ingestAtomically(node, [record('eu', { subject: { externalId: 'cust-replay' } })]);
    expect(again).toMatchObject({ duplicate: true, messageId: first!.messageId, subjectId: first!.subjectId });
    expect(second!.subjectId).toBe(first!.subjectId);
    const n = await node.db.selectFrom('messages').select((e) => e.fn.countAll<number>().as('c')).where('subject_id', '=', first!.subjectId).executeTakeFirstOrThrow();
    expect(Number(n.c)).toBe(2);
  });

  it('keeps consent history per purpose and records only changes', async () => {
    const subject = { externalId: 'cust-consent' };
    await ingestAtomically(node, [record('eu', { subject, consents: [{ purpose: 'service', granted: true }, { purpose: 'model_training', granted: true }] })]);
    await ingestAtomically(node, [record('eu', { subject, consents: [{ purpose: 'model_training', granted: true }] })]);
    const [r] = await ingestAtomically(node, [record('eu', { subject, consents: [{ purpose: 'model_training', granted: false }] })]);
    const history = await node.db.selectFrom('consents').select(['purpose', 'granted']).where('subject_id', '=', r!.subjectId).orderBy('id').execute();
    expect(history).toEqual([
      { purpose: 'service', granted: true },
      { purpose: 'model_training', granted: true },
      { purpose: 'model_training', granted: false },
    ]);
  });

  it('refuses a whole batch when one record is bad, storing nothing', async () => {
    const before = await rowCounts(node.db);
    const err = await ingestAtomically(node, [record('eu'), { ...record('eu'), sentAt: 'yesterday' }, record('eu')]).catch((e) => e);
    expect(err.code).toBe('BAD_INPUT');
    expect(err.evidence.indexes).toEqual([1]);
    expect(await rowCounts(node.db)).toEqual(before);
  });

  it('counts residency refusals in its metrics', async () => {
    prepareRecords(node, [record('me')]);
    const text = await node.metrics.registry.metrics();
    expect(text).toMatch(/meridian_residency_refusals_total\{[^}]*home_region="me"[^}]*\} 1/);
  });
});

describe.each(DIALECTS)('concurrent ingestion on %s', (dialect) => {
  it('parallel batches for the same new customers create each subject once and record each consent change once', async () => {
    const node = await testNode('eu', dialect);
    try {
      const batch = (k: number) =>
        Array.from({ length: 20 }, (_, i) => record('eu', { subject: { externalId: `race-${i}` }, consents: [{ purpose: 'model_training', granted: true }], sourceMessageId: `race-${k}-${i}` }));
      await Promise.all([1, 2, 3, 4].map((k) => ingestAtomically(node, batch(k))));
      const subjects = await node.db.selectFrom('subjects').select((e) => e.fn.countAll<number>().as('c')).executeTakeFirstOrThrow();
      const consents = await node.db.selectFrom('consents').select((e) => e.fn.countAll<number>().as('c')).executeTakeFirstOrThrow();
      const messages = await node.db.selectFrom('messages').select((e) => e.fn.countAll<number>().as('c')).executeTakeFirstOrThrow();
      expect([Number(subjects.c), Number(consents.c), Number(messages.c)]).toEqual([20, 20, 80]);
    } finally {
      await node.close();
    }
  });
});
