import { describe, it, expect, afterAll } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { ingestAtomically } from '../src/ingest/ingest-batch.ts';
import { runRetention } from '../src/retention/run-retention.ts';
import { testNode, record } from './node-fixture.ts';

const DAY = 86_400_000;

describe.each(DIALECTS)('retention on %s', (dialect) => {
  const nodes: { close(): Promise<void> }[] = [];
  afterAll(async () => Promise.all(nodes.map((n) => n.close())));

  it('expires messages per jurisdiction and class, then inactive subjects with their keys', async () => {
    let clock = new Date('2026-01-01T00:00:00Z');
    const node = await testNode('sea', dialect, { now: () => clock });
    nodes.push(node);
    // Singapore and Vietnam subjects; the sea profile keeps free text 365 days and contacts 730.
    const [sg] = await ingestAtomically(node, [record('sea', { subject: { externalId: 'sg-1', country: 'SG' } })]);
    const [vn] = await ingestAtomically(node, [record('sea', { subject: { externalId: 'vn-1', country: 'VN' } })]);
    clock = new Date(clock.getTime() + 300 * DAY);
    const [sgNew] = await ingestAtomically(node, [record('sea', { subject: { externalId: 'sg-1', country: 'SG' } })]);

    clock = new Date(new Date('2026-01-01T00:00:00Z').getTime() + 366 * DAY);
    const first = await runRetention(node);
    expect(first.messagesExpired).toBe(2);
    expect(first.subjectsExpired).toBe(0);
    const left = await node.db.selectFrom('messages').select('id').execute();
    expect(left.map((m) => m.id)).toEqual([sgNew!.messageId]);

    // 731 days after vn-1's last activity it goes, key first; sg-1 was active later and stays.
    clock = new Date(new Date('2026-01-01T00:00:00Z').getTime() + 731 * DAY);
    const second = await runRetention(node);
    expect(second.subjectsExpired).toBe(1);
    const subjects = await node.db.selectFrom('subjects').select('id').execute();
    expect(subjects.map((s) => s.id)).toEqual([sg!.subjectId]);
    const keys = await node.db.selectFrom('subject_keys').select('subject_id').execute();
    expect(keys.map((k) => k.subject_id)).toEqual([sg!.subjectId]);
    expect(node.keys.get(vn!.subjectId)).toBeUndefined();
  });
});
