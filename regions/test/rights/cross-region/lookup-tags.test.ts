import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../../../test/databases.ts';
import { ingestAtomically } from '../../../src/ingest/ingest-batch.ts';
import { newLookupKey } from '../../../src/rights/cross-region/lookup-key.ts';
import { lookupTag } from '../../../src/rights/cross-region/lookup-tag.ts';
import { syncLookupTags } from '../../../src/rights/cross-region/sync-lookup-tags.ts';
import { blindIndex } from '@meridian/core/crypto/blind-index.ts';
import { record, testNode } from '../../node-fixture.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('lookup tags', () => {
  it('normalise like the blind index, differ per key and per kind, and never equal the region blind index', () => {
    const k = newLookupKey();
    expect(hex(lookupTag(k, 'email', ' Zqxj.Ana@Example.ORG '))).toBe(hex(lookupTag(k, 'email', 'zqxj.ana@example.org')));
    expect(hex(lookupTag(k, 'phone', '+65 9871-2345'))).toBe(hex(lookupTag(k, 'phone', '+6598712345')));
    expect(hex(lookupTag(newLookupKey(), 'email', 'zqxj.ana@example.org'))).not.toBe(hex(lookupTag(k, 'email', 'zqxj.ana@example.org')));
    expect(hex(lookupTag(k, 'phone', '12345678'))).not.toBe(hex(lookupTag(k, 'email', '12345678')));
    expect(hex(lookupTag(k, 'email', 'zqxj.ana@example.org'))).not.toBe(hex(blindIndex(k.key, 'email', 'zqxj.ana@example.org')));
  });
});

describe.each(DIALECTS)('lookup tags: ingestion, backfill, rotation and erasure on %s', (dialect) => {
  let node: Awaited<ReturnType<typeof testNode>>;
  const a = { externalId: 'eu-zqxj-a', email: 'zqxj.a@example.org', phone: '+49 30 1234 5678' };
  const b = { externalId: 'eu-zqxj-b', email: 'zqxj.b@example.org' };
  const c = { externalId: 'eu-zqxj-c' };
  const tags = async () =>
    (await node.db.selectFrom('subject_lookup_tags').select(['kind', 'tag', 'key_id']).orderBy('kind').orderBy('tag').execute()).map((t) => ({ kind: t.kind, tag: hex(t.tag), keyId: t.key_id }));
  const expected = (key: ReturnType<typeof newLookupKey>, list: [kind: 'email' | 'phone', value: string][]) =>
    list.map(([kind, value]) => ({ kind, tag: hex(lookupTag(key, kind, value)), keyId: key.id })).sort((x, y) => x.kind.localeCompare(y.kind) || x.tag.localeCompare(y.tag));

  beforeAll(async () => {
    // Subjects stored before the node had the federation key: no tags.
    node = await testNode('eu', dialect);
    await ingestAtomically(node, [record('eu', { subject: a }), record('eu', { subject: b }), record('eu', { subject: c })]);
  });
  afterAll(async () => node?.close());

  it('a node without the federation key writes none; the backfill tags every stored contact, once', async () => {
    expect(await tags()).toEqual([]);
    expect(await syncLookupTags(node)).toMatchObject({ scanned: 0, tagged: 0 }); // still no key
    const key = newLookupKey();
    node.crossRegion = { lookupKey: key };
    expect(await syncLookupTags(node, { batchSize: 1 })).toEqual({ scanned: 2, tagged: 3, removed: 0, batches: 2 });
    expect(await tags()).toEqual(expected(key, [['email', a.email], ['phone', a.phone], ['email', b.email]]));
    expect(await syncLookupTags(node)).toMatchObject({ scanned: 0, tagged: 0 });
  });

  it('ingestion writes the tags of new subjects and of changed contacts in its own transaction', async () => {
    const key = node.crossRegion!.lookupKey;
    await ingestAtomically(node, [record('eu', { subject: { externalId: 'eu-zqxj-d', email: 'zqxj.d@example.org' } }), record('eu', { subject: { ...b, email: 'zqxj.b2@example.org' } })]);
    expect(await tags()).toEqual(expected(key, [['email', a.email], ['phone', a.phone], ['email', 'zqxj.b2@example.org'], ['email', 'zqxj.d@example.org']]));
    expect(await syncLookupTags(node)).toMatchObject({ scanned: 0 });
  });

  it('a rotated federation key makes every tag stale; the sync re-tags them all', async () => {
    const next = newLookupKey();
    node.crossRegion = { lookupKey: next };
    expect(await syncLookupTags(node)).toMatchObject({ scanned: 3, tagged: 4 });
    expect(await tags()).toEqual(expected(next, [['email', a.email], ['phone', a.phone], ['email', 'zqxj.b2@example.org'], ['email', 'zqxj.d@example.org']]));
  });

  it('a tag computed from an older contact is found stale and replaced', async () => {
    const key = node.crossRegion!.lookupKey;
    // As if a concurrent writer had left a tag of an old e-mail behind.
    const subject = await node.db.selectFrom('subjects').select('id').where('email_bidx', '=', blindIndex(node.keyring.blindIndexKey, 'email', 'zqxj.d@example.org')).executeTakeFirstOrThrow();
    await node.db.updateTable('subject_lookup_tags').set({ tag: lookupTag(key, 'email', 'zqxj.old@example.org'), source_bidx: blindIndex(node.keyring.blindIndexKey, 'email', 'zqxj.old@example.org') }).where('subject_id', '=', subject.id).execute();
    expect(await syncLookupTags(node)).toMatchObject({ scanned: 1, tagged: 1 });
    expect(await tags()).toEqual(expected(key, [['email', a.email], ['phone', a.phone], ['email', 'zqxj.b2@example.org'], ['email', 'zqxj.d@example.org']]));
  });
});
