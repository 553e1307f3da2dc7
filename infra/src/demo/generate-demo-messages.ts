import { REGIONS, type Region } from '@meridian/core/policy/region-profile.ts';
import type { IngestRecord } from '@meridian/regions/ingest/ingest-record.ts';
import { CHANNEL_MIX, demoCustomer, seedTag, type DemoCustomer } from './demo-customer.ts';
import type { DemoMessage } from './demo-message.ts';
import type { MessagePools, SourceMessage } from './load-message-pools.ts';
import { createSeededRandom, type SeededRandom } from './seeded-random.ts';

export interface DemoOptions {
  /** Same seed, same records, byte for byte. Default `meridian-demo`. */
  readonly seed?: string;
  /**
   * End of the window the messages were "sent" in (the clock is passed in,
   * never read): the launcher passes its start time, tests a fixed date.
   */
  readonly now: Date;
  /** Length of that window in days. Default 90. */
  readonly days?: number;
  /** Default all three. */
  readonly regions?: readonly Region[];
  /** Customers per region; default 30, or unbounded when `limit` is set. */
  readonly customersPerRegion?: number;
  /** Stop after this many records. */
  readonly limit?: number;
}

const MESSAGES_PER_CUSTOMER = [[1, 25], [2, 20], [3, 15], [4, 12], [5, 10], [6, 8], [7, 5], [8, 5]] as const;
/** Share of customers who withdraw model-training consent in a later message. */
const WITHDRAWAL_RATE = 0.05;
const MINUTE = 60_000;

function pickSource(rng: SeededRandom, customer: DemoCustomer, pools: MessagePools): SourceMessage {
  const byLanguage = pools[customer.region];
  // Fall back to any language the region has, for pools loaded for a subset.
  const languages = customer.languages.filter(([l]) => (byLanguage[l]?.length ?? 0) > 0);
  const usable = languages.length > 0 ? languages : Object.entries(byLanguage).filter(([, p]) => p.length > 0).map(([l]) => [l, 1] as const);
  if (usable.length === 0) throw new RangeError(`no demo messages loaded for region ${customer.region}`);
  const language = rng.weighted(usable as readonly (readonly [keyof typeof byLanguage, number])[]);
  return rng.pick(byLanguage[language]!);
}

function* customerMessages(seed: string, customer: DemoCustomer, pools: MessagePools, now: number, days: number): Generator<DemoMessage> {
  const rng = createSeededRandom(seed).fork(`${customer.region}/messages/${customer.index}`);
  const count = rng.weighted(MESSAGES_PER_CUSTOMER);
  const withdrawAt = customer.consents.model_training && count >= 3 && rng.chance(WITHDRAWAL_RATE) ? rng.between(1, count - 1) : -1;
  // Gaps of minutes to days between messages; the whole conversation is
  // then placed at a random point of the window, ending by `now`.
  const window = days * 24 * 60 * MINUTE;
  const gaps = Array.from({ length: count }, (_, j) => (j === 0 ? 0 : Math.floor(MINUTE * 5 * Math.exp(rng.next() * 7.3))));
  const span = gaps.reduce((a, b) => a + b, 0);
  const scale = span > window ? window / span : 1;
  let t = now - Math.floor(span * scale) - Math.floor(rng.next() * Math.max(0, window - span * scale));
  const tag = seedTag(seed);
  const subject = {
    externalId: customer.externalId,
    homeRegion: customer.region,
    country: customer.country,
    name: customer.name,
    email: customer.email,
    ...(customer.phone ? { phone: customer.phone } : {}),
  };
  for (let j = 0; j < count; j++) {
    t += Math.floor(gaps[j]! * scale);
    const source = pickSource(rng, customer, pools);
    let text = source.text;
    let orderRef: string | undefined;
    if (source.orderSpan) {
      // Bitext names an order number: make it one of this customer's orders.
      orderRef = rng.pick(customer.orders);
      text = text.slice(0, source.orderSpan[0]) + orderRef + text.slice(source.orderSpan[1]);
    } else if (rng.chance(source.dataset === 'bitext' ? 0.5 : 0.15)) {
      orderRef = rng.pick(customer.orders);
    }
    const channel = rng.chance(0.75) ? customer.preferredChannel : rng.weighted(CHANNEL_MIX[customer.region]);
    const record: IngestRecord = {
      sourceMessageId: `demo-${tag}-${customer.region}-${customer.index}-${j}`,
      channel,
      sentAt: new Date(t).toISOString(),
      text,
      language: source.language,
      ...(orderRef ? { orderRef } : {}),
      subject,
      ...(j === 0
        ? {
            consents: [
              { purpose: 'service', granted: customer.consents.service },
              { purpose: 'model_training', granted: customer.consents.model_training },
              { purpose: 'analytics', granted: customer.consents.analytics },
            ],
          }
        : j === withdrawAt
          ? { consents: [{ purpose: 'model_training', granted: false }] }
          : {}),
    };
    yield { record, source };
  }
}

/**
 * Demo customers and their messages, customer by customer, taking the
 * regions in turn. Every value is a pure function of (seed, region,
 * customer index, message index) and the pools, so a record's
 * `sourceMessageId` names the same record in every run. Consents come with a
 * customer's first message; about 5 % of those who allowed model training
 * withdraw it in a later message, so consent history is exercised.
 *
 * @example
 * const pools = loadMessagePools();
 * for (const { record, source } of generateDemoMessages(pools, { now: new Date(), limit: 10 })) {
 *   console.log(record.subject.homeRegion, record.language, source.label);
 * }
 */
export function* generateDemoMessages(pools: MessagePools, options: DemoOptions): Generator<DemoMessage> {
  const seed = options.seed ?? 'meridian-demo';
  const now = options.now.getTime();
  if (!Number.isFinite(now)) throw new RangeError('options.now is not a valid date');
  const days = options.days ?? 90;
  const regions = options.regions ?? REGIONS;
  const limit = options.limit ?? Infinity;
  const perRegion = options.customersPerRegion ?? (options.limit === undefined ? 30 : Infinity);
  let emitted = 0;
  for (let i = 0; i < perRegion; i++) {
    for (const region of regions) {
      for (const m of customerMessages(seed, demoCustomer(seed, region, i), pools, now, days)) {
        if (emitted >= limit) return;
        emitted++;
        yield m;
      }
    }
  }
}
