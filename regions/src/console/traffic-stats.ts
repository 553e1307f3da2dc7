import { z } from 'zod';
import { sql } from 'kysely';
import { dpCount } from '@meridian/core/access/dp-count.ts';
import { dpHistogram } from '@meridian/core/access/dp-histogram.ts';
import { EPSILON_RESOLUTION, type RandomInt } from '@meridian/core/access/discrete-laplace.ts';
import { REGIONS } from '@meridian/core/policy/region-profile.ts';
import type { RegionNode } from '../node/region-node.ts';
import { CHANNELS } from '../ingest/ingest-record.ts';

export const trafficStatsInputSchema = z.strictObject({
  /** The ε this request may spend in total; the console charges it to the analyst's budget. */
  epsilon: z.number().min(0.01).max(2).default(0.4),
  /** Count only messages received (and subjects first seen) since then. */
  since: z.iso.datetime().optional(),
});

/** Each subject's messages count at most this many times (their earliest ones), which bounds what one person changes. */
export const MESSAGES_PER_SUBJECT_BOUND = 20;

/** Fixed domains: keys never come from the data. */
const ROUTES = ['bot', 'person', 'expert', 'unrouted'] as const;
const RELEASES = 4;

/**
 * Ingestion and routing aggregates for operators, under ε-differential
 * privacy per person (discrete Laplace; DESIGN.md §6): how many subjects,
 * messages per channel and per route (each subject counted for at most 20
 * messages), and residency refusals per home region (per refused record:
 * event-level, as the node never learns who a refused person is; counted since
 * the process started). `epsilon` is split evenly over the four releases and
 * `privacyCost.epsilon` is what the console must charge. Asking again costs
 * again: averaging repeated answers is exactly what the budget limits.
 *
 * @example
 * const stats = await trafficStats(node, { epsilon: 0.4 }); // stats.messagesByRoute.counts.person ≈ 140 ± 200
 */
export async function trafficStats(node: RegionNode, input: z.input<typeof trafficStatsInputSchema>, random?: RandomInt) {
  const { epsilon, since } = trafficStatsInputSchema.parse(input);
  const from = since ? new Date(since) : new Date(0);
  const each = Math.floor((epsilon * EPSILON_RESOLUTION) / RELEASES) / EPSILON_RESOLUTION;
  const { byChannel, byRoute } = await boundedMessageCounts(node, from);
  const subjects = await node.db.selectFrom('subjects').select((eb) => eb.fn.countAll<string>().as('n')).where('created_at', '>=', from).executeTakeFirstOrThrow();
  const refusals: Record<string, number> = {};
  for (const v of (await node.metrics.residencyRefusals.get()).values) refusals[String(v.labels.home_region)] = v.value;
  const opts = { epsilon: each, random };
  const released = {
    subjects: dpCount(Number(subjects.n), { ...opts, sensitivity: 1 }),
    messagesByChannel: dpHistogram(CHANNELS, byChannel, { ...opts, sensitivity: MESSAGES_PER_SUBJECT_BOUND }),
    messagesByRoute: dpHistogram(ROUTES, byRoute, { ...opts, sensitivity: MESSAGES_PER_SUBJECT_BOUND }),
    residencyRefusals: dpHistogram(REGIONS, refusals, { ...opts, sensitivity: 1 }),
  };
  const spent = Object.values(released).reduce((a, r) => a + r.epsilon, 0);
  return {
    region: node.region,
    since: since ?? null,
    generatedAt: node.now().toISOString(),
    privacyCost: { epsilon: Math.round(spent * EPSILON_RESOLUTION) / EPSILON_RESOLUTION, delta: 0, mechanism: 'discrete_laplace' as const },
    contributionBound: { messagesPerSubject: MESSAGES_PER_SUBJECT_BOUND },
    ...released,
    notes: {
      residencyRefusals: 'refused records since this process started (event-level privacy: a person refused n times counts n times)',
      messages: `each subject counts for at most ${MESSAGES_PER_SUBJECT_BOUND} messages (their earliest), so totals undercount heavy senders`,
    },
  };
}

/**
 * Messages received since `from` per channel and per route, each subject
 * counted for at most their earliest `MESSAGES_PER_SUBJECT_BOUND` messages:
 * the true counts that `trafficStats` adds noise to. Exact; never return them
 * to a console user.
 *
 * @example
 * const { byChannel } = await boundedMessageCounts(node, new Date(0)); // { chat: 812, email: 140 }
 */
export async function boundedMessageCounts(node: RegionNode, from: Date): Promise<{ byChannel: Record<string, number>; byRoute: Record<string, number> }> {
  const bounded = await sql<{ channel: string; route: string; n: string }>`
    select channel, route, count(*) as n from (
      select channel, coalesce(route, 'unrouted') as route, row_number() over (partition by subject_id order by sent_at, id) as rn
      from messages where received_at >= ${from}
    ) m where rn <= ${MESSAGES_PER_SUBJECT_BOUND} group by channel, route`.execute(node.db);
  const byChannel: Record<string, number> = {};
  const byRoute: Record<string, number> = {};
  for (const r of bounded.rows) {
    byChannel[r.channel] = (byChannel[r.channel] ?? 0) + Number(r.n);
    byRoute[r.route] = (byRoute[r.route] ?? 0) + Number(r.n);
  }
  return { byChannel, byRoute };
}
