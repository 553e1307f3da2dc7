import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS } from '../../../test/databases.ts';
import { dumpDatabase, findCanaries } from '../../../test/dump-database.ts';
import { blindIndex } from '@meridian/core/crypto/blind-index.ts';
import { decodeLeaf } from '@meridian/audit/ledger/decode-leaf.ts';
import { ingestAtomically } from '../../src/ingest/ingest-batch.ts';
import { runRightsWorker } from '../../src/rights/run-rights-worker.ts';
import { rightsRequests } from '../../src/rights/rights-request.repository.ts';
import { testNode, record } from '../node-fixture.ts';
import { approvedRequest, memoryNotifier } from './rights-fixture.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe.each(DIALECTS)('erasure on %s', (dialect) => {
  let node: Awaited<ReturnType<typeof testNode>>;
  const notifier = memoryNotifier();
  beforeAll(async () => {
    node = await testNode('eu', dialect);
  });
  afterAll(async () => node?.close());

  it('leaves zero residue: no canary, blind index or subject id in a full dump; key gone; re-ingest makes a new subject', async () => {
    const c = {
      externalId: 'cust-canary-Vqxzr7',
      name: 'Canary Vqxzrwy Brankovic',
      email: 'canary-vqxzrwy@example.org',
      phone: '+49 30 5550 7719',
      text: 'Vqxzrwy canary: the parcel 91QZ never came',
      text2: 'Vqxzrwy second canary about invoice 5521',
      order: 'ORD-VQXZ-4471',
    };
    const subject = { externalId: c.externalId, name: c.name, email: c.email, phone: c.phone };
    const [first] = await ingestAtomically(node, [
      record('eu', { text: c.text, orderRef: c.order, subject, consents: [{ purpose: 'model_training', granted: true }] }),
      record('eu', { text: c.text2, subject }),
    ]);
    // A bystander who must be untouched.
    const [other] = await ingestAtomically(node, [record('eu', { subject: { externalId: 'cust-bystander', email: 'bystander@example.org' } })]);
    const subjectId = first!.subjectId;
    const bidx = {
      ref: blindIndex(node.keyring.blindIndexKey, 'external_ref', c.externalId),
      email: blindIndex(node.keyring.blindIndexKey, 'email', c.email),
      phone: blindIndex(node.keyring.blindIndexKey, 'phone', c.phone),
    };
    const requestId = await approvedRequest(node, notifier, { type: 'erasure', externalId: c.externalId, contact: { channel: 'email', value: c.email } });
    const report = await runRightsWorker(node);
    expect(report.completed).toBe(1);

    const request = await rightsRequests.get(node.db, requestId);
    expect(request.status).toBe('completed');
    expect(request.outcome).toMatchObject({ key_destroyed: 1, subjects: 1, messages: 2, consents: 1, rights_request_subjects: 1, rights_verifications: 1 });
    expect(Number((request.outcome as Record<string, number>).ledger_salts)).toBeGreaterThanOrEqual(3);
    expect(await node.db.selectFrom('subject_keys').select('subject_id').where('subject_id', '=', subjectId).execute()).toEqual([]);
    expect(node.keys.get(subjectId)).toBeUndefined();
    expect(await node.db.selectFrom('rights_jobs').select('request_id').execute()).toEqual([]);

    const dump = await dumpDatabase(node.test);
    const strings = [...Object.values(c), subjectId, hex(bidx.ref), hex(bidx.email), hex(bidx.phone), Buffer.from(bidx.ref).toString('base64')];
    expect(findCanaries(dump, strings)).toEqual([]);
    // Raw bytes of the blind indexes in the live rows and the engine's logical dump (dead tuples in
    // the raw PGlite data directory are covered by crypto-shredding and VACUUM; see the rights README).
    const logical = dialect === 'postgres' ? dump : await liveRowBytes(node);
    for (const b of Object.values(bidx)) expect(logical.includes(Buffer.from(b))).toBe(false);

    // The ledger still proves the erasure, once, and holds no salt of the subject.
    const entries = await node.ledger.entriesByRef(requestId);
    expect(entries.length).toBeGreaterThanOrEqual(4);
    const salts = await sql<{ n: number }>`select count(*)::int8 as n from ledger_salts where subject_id = ${subjectId}`.execute(node.db);
    expect(Number(salts.rows[0]!.n)).toBe(0);

    // The bystander is intact.
    expect(await node.db.selectFrom('subjects').select('id').where('id', '=', other!.subjectId).execute()).toHaveLength(1);

    // Coming back with the same e-mail and shop id makes a new, unrelated subject.
    const [again] = await ingestAtomically(node, [record('eu', { subject })]);
    expect(again!.subjectId).not.toBe(subjectId);
    const fresh = await node.db.selectFrom('consents').select('purpose').where('subject_id', '=', again!.subjectId).execute();
    expect(fresh).toEqual([]);
  });

  it('completes a duplicate erasure of an already erased subject without a second ledger completion for the first', async () => {
    const subject = { externalId: 'cust-twice', email: 'twice@example.org' };
    await ingestAtomically(node, [record('eu', { subject })]);
    const a = await approvedRequest(node, notifier, { type: 'erasure', externalId: subject.externalId, contact: { channel: 'email', value: subject.email } });
    const b = await approvedRequest(node, notifier, { type: 'erasure', externalId: subject.externalId, contact: { channel: 'email', value: subject.email } });
    await runRightsWorker(node);
    await runRightsWorker(node);
    for (const id of [a, b]) {
      expect((await rightsRequests.get(node.db, id)).status).toBe('completed');
      const erasures = (await node.ledger.entriesByRef(id)).filter((e) => decodeLeaf(e.leaf).type === 'erasure');
      expect(erasures).toHaveLength(1);
    }
  });
});

/** The bytes of every live row (bytea raw), without the engine's data files. */
async function liveRowBytes(node: Awaited<ReturnType<typeof testNode>>): Promise<Buffer> {
  const parts: Buffer[] = [];
  const tables = await sql<{ n: string }>`select table_name as n from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(node.db);
  for (const { n } of tables.rows) {
    for (const row of (await sql<Record<string, unknown>>`select * from ${sql.table(n)}`.execute(node.db)).rows) {
      for (const v of Object.values(row)) parts.push(v instanceof Uint8Array ? Buffer.from(v) : Buffer.from(JSON.stringify(v) ?? ''));
    }
  }
  return Buffer.concat(parts);
}
