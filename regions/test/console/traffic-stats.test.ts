import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../../test/databases.ts';
import { REGIONS } from '@meridian/core/policy/region-profile.ts';
import { ingestAtomically } from '../../src/ingest/ingest-batch.ts';
import { CHANNELS } from '../../src/ingest/ingest-record.ts';
import { trafficStats, boundedMessageCounts, MESSAGES_PER_SUBJECT_BOUND } from '../../src/console/traffic-stats.ts';
import { testNode, record } from '../node-fixture.ts';

/** A seeded uniform integer source (LCG), so the noisy answers are reproducible. */
function seeded(seed: number) {
  let s = seed;
  return (max: number) => {
    s = (s * 48271) % 2147483647;
    return Math.floor((s / 2147483647) * max);
  };
}

describe.each(DIALECTS)('operator traffic aggregates on %s', (dialect) => {
  let node: Awaited<ReturnType<typeof testNode>>;
  beforeAll(async () => {
    node = await testNode('eu', dialect);
    // One heavy sender (50 chat messages) and two light ones (one e-mail each).
    const heavy = { externalId: 'cust-heavy' };
    await ingestAtomically(node, Array.from({ length: 50 }, () => record('eu', { subject: heavy })));
    await ingestAtomically(node, [record('eu', { channel: 'email', subject: { externalId: 'cust-l1' } }), record('eu', { channel: 'email', subject: { externalId: 'cust-l2' } })]);
    // A refused record of another region's resident, counted by the metrics.
    await ingestAtomically(node, [record('sea')]).catch(() => undefined);
  });
  afterAll(async () => node?.close());

  it('bounds what one person contributes before any noise is added', async () => {
    const { byChannel, byRoute } = await boundedMessageCounts(node, new Date(0));
    expect(byChannel).toEqual({ chat: MESSAGES_PER_SUBJECT_BOUND, email: 2 });
    expect(Object.values(byRoute).reduce((a, n) => a + n, 0)).toBe(MESSAGES_PER_SUBJECT_BOUND + 2);
  });

  it('releases noisy counts over fixed domains, and reports the ε it cost', async () => {
    const s = await trafficStats(node, { epsilon: 0.4 }, seeded(11));
    expect(s.privacyCost).toEqual({ epsilon: 0.4, delta: 0, mechanism: 'discrete_laplace' });
    expect([s.subjects, s.messagesByChannel, s.messagesByRoute, s.residencyRefusals].map((r) => r.epsilon)).toEqual([0.1, 0.1, 0.1, 0.1]);
    // Keys come from the code, never from the data: an unused channel is still there (noised).
    expect(Object.keys(s.messagesByChannel.counts).sort()).toEqual([...CHANNELS].sort());
    expect(Object.keys(s.messagesByRoute.counts).sort()).toEqual(['bot', 'expert', 'person', 'unrouted']);
    expect(Object.keys(s.residencyRefusals.counts).sort()).toEqual([...REGIONS].sort());
    expect(s.messagesByChannel.sensitivity).toBe(MESSAGES_PER_SUBJECT_BOUND);
    expect(s.subjects.sensitivity).toBe(1);
    // With a generous ε the answer is near the truth (3 subjects; scale 1/0.5 = 2).
    const generous = await trafficStats(node, { epsilon: 2 }, seeded(3));
    expect(Math.abs(generous.subjects.value - 3)).toBeLessThan(15);
    // Asking twice gives two different noisy answers (fresh noise per release).
    const a = await trafficStats(node, { epsilon: 0.4 });
    const b = await trafficStats(node, { epsilon: 0.4 });
    expect(JSON.stringify([a.messagesByChannel, a.messagesByRoute, a.subjects])).not.toBe(JSON.stringify([b.messagesByChannel, b.messagesByRoute, b.subjects]));
  });

  it('refuses an ε outside 0.01..2', async () => {
    await expect(trafficStats(node, { epsilon: 0.001 })).rejects.toMatchObject({ name: 'ZodError' });
    await expect(trafficStats(node, { epsilon: 5 })).rejects.toMatchObject({ name: 'ZodError' });
  });
});
