import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { DIALECTS } from '../../../test/databases.ts';
import { OPEN_REQUEST_STATES } from '@meridian/core/access/open-request-states.ts';
import { RIGHTS_REQUEST_TYPES } from '../../src/rights/rights-request-type.ts';
import { requestQueue } from '../../src/console/request-queue.ts';
import { testNode } from '../node-fixture.ts';

const DAY = 86_400_000;
const NOW = new Date('2026-11-20T10:00:00Z');

describe.each(DIALECTS)('the rights request queue at 10,000 open requests, on %s', (dialect) => {
  let node: Awaited<ReturnType<typeof testNode>>;
  const rows: { id: string; type: string; status: string; due: number; target: number }[] = [];
  beforeAll(async () => {
    node = await testNode('eu', dialect, { now: () => NOW });
    // 10,000 open requests under 30- and 45-day laws, some extended, received over 60 days; 500 closed ones.
    let seed = 7;
    const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const values = [];
    for (let i = 0; i < 10_500; i++) {
      const received = new Date(NOW.getTime() - Math.floor(rnd() * 60 * DAY));
      const statutory = new Date(received.getTime() + (rnd() < 0.5 ? 30 : 45) * DAY);
      // Many ties on the deadline, so the tie-breakers are exercised.
      const extended = rnd() < 0.1 ? new Date(received.getTime() + 90 * DAY) : null;
      const target = new Date(received.getTime() + DAY);
      const status = i < 10_000 ? OPEN_REQUEST_STATES[i % OPEN_REQUEST_STATES.length]! : i % 2 ? 'completed' : 'denied';
      const type = RIGHTS_REQUEST_TYPES[i % RIGHTS_REQUEST_TYPES.length]!;
      const id = randomUUID();
      values.push({
        id, type, status, jurisdiction: 'EU-GDPR', requested_by: 'test', received_at: received, statutory_deadline_at: statutory, target_at: target,
        extended_deadline_at: extended, extension_reason: extended ? 'complex request' : null, extended_by: null, verified_at: null, approved_at: null,
        approved_by: null, executing_at: null, completed_at: null, denied_at: null, deny_reason: null, outcome: null,
      });
      if (i < 10_000) rows.push({ id, type, status, due: (extended ?? statutory).getTime(), target: target.getTime() });
    }
    for (let i = 0; i < values.length; i += 1_000) await node.db.insertInto('rights_requests').values(values.slice(i, i + 1_000)).execute();
  });
  afterAll(async () => node?.close());

  const urgency = (a: (typeof rows)[number], b: (typeof rows)[number]) => a.due - b.due || a.target - b.target || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

  it('pages through every open request exactly once, most urgent first, with deadline and SLA fields', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await requestQueue(node, { limit: 200, cursor });
      expect(page.open).toBe(10_000);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
      if (pages === 1) {
        const first = page.items[0]!;
        expect(first.sla.pastStatutory).toBe(new Date(first.deadline).getTime() < NOW.getTime());
        expect(first.sla.msToDeadline).toBe(new Date(first.deadline).getTime() - NOW.getTime());
        expect(first.sla.pastTarget).toBe(new Date(first.target).getTime() < NOW.getTime());
      }
    } while (cursor);
    expect(pages).toBe(50);
    expect(seen).toEqual([...rows].sort(urgency).map((r) => r.id));
  });

  it('filters by state and type, and refuses a cursor it did not issue', async () => {
    const page = await requestQueue(node, { limit: 100, status: 'approved', type: 'erasure' });
    const expected = rows.filter((r) => r.status === 'approved' && r.type === 'erasure').sort(urgency);
    expect(page.open).toBe(expected.length);
    expect(page.items.map((i) => i.id)).toEqual(expected.slice(0, 100).map((r) => r.id));
    await expect(requestQueue(node, { cursor: 'bm90IGEgY3Vyc29y' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    // Closed requests are not in the queue, and cannot be asked for.
    await expect(requestQueue(node, { status: 'completed' as never })).rejects.toMatchObject({ name: 'ZodError' });
  });
});
