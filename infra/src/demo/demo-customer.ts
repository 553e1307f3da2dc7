import type { Region } from '@meridian/core/policy/region-profile.ts';
import { DEMO_COUNTRIES, type MessageLanguage } from './demo-countries.ts';
import { DEMO_NAMES, type NameEntry, type NamePool } from './demo-names.ts';
import { demoPhoneNumber } from './demo-phone-number.ts';
import { createSeededRandom, hash128 } from './seeded-random.ts';

export type DemoChannel = 'chat' | 'email' | 'whatsapp' | 'sms' | 'web_form';

/** A synthetic customer: no field belongs to a real person. */
export interface DemoCustomer {
  readonly region: Region;
  /** Ordinal within the region for this seed; the customer's identity. */
  readonly index: number;
  readonly externalId: string;
  readonly country: string;
  readonly name: string;
  /** At an RFC 2606 reserved domain: example.com (eu), example.net (sea), example.org (me). */
  readonly email: string;
  /** Absent for about one customer in eight, as for web-form-only shoppers. */
  readonly phone?: string;
  readonly languages: readonly (readonly [MessageLanguage, number])[];
  readonly preferredChannel: DemoChannel;
  /** The customer's order ids, at least one. */
  readonly orders: readonly string[];
  readonly consents: { readonly service: boolean; readonly model_training: boolean; readonly analytics: boolean };
}

const EMAIL_DOMAIN: Readonly<Record<Region, string>> = { eu: 'example.com', sea: 'example.net', me: 'example.org' };

/** Channel mix per region: e-mail and chat in Europe, WhatsApp in Southeast Asia and the Gulf. */
export const CHANNEL_MIX: Readonly<Record<Region, readonly (readonly [DemoChannel, number])[]>> = {
  eu: [['email', 35], ['chat', 35], ['web_form', 20], ['sms', 5], ['whatsapp', 5]],
  sea: [['whatsapp', 45], ['chat', 30], ['email', 10], ['sms', 10], ['web_form', 5]],
  me: [['whatsapp', 50], ['chat', 20], ['sms', 15], ['email', 10], ['web_form', 5]],
};

/**
 * Consent rates: nearly everyone accepts service processing; a realistic
 * majority, not all, allows model training; fewer allow analytics.
 */
export const CONSENT_RATES = { service: 0.97, model_training: 0.7, analytics: 0.4 } as const;

function native(e: NameEntry): string {
  return typeof e === 'string' ? e : e[0];
}

function latin(e: NameEntry): string {
  return typeof e === 'string' ? e : e[1];
}

/** ASCII e-mail local-part word: accents folded, đ → d, spaces and apostrophes dropped. */
function emailWord(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/**
 * An affine bijection on [0, 10^digits): distinct ordinals give distinct ids
 * that do not look sequential. 7,654,321 is coprime with 10; products stay
 * below 2^53 for up to 9 digits.
 */
function scramble(n: number, digits: number, salt: number): string {
  const space = 10 ** digits;
  return (((n % space) * 7_654_321 + (salt % space)) % space).toString().padStart(digits, '0');
}

/** A short tag of the seed, put into ids so two seeds loaded together do not collide. */
export function seedTag(seed: string): string {
  return hash128(seed)[0].toString(36).padStart(7, '0').slice(0, 4);
}

/**
 * The `index`-th demo customer of `region` for `seed`: a pure function of
 * its arguments, so any customer can be rebuilt alone and ids are stable
 * across runs. Distinct indices give distinct external ids, e-mail
 * addresses, phone numbers and order ids.
 *
 * @example
 * const c = demoCustomer('meridian-demo', 'sea', 3);
 * c.country; // one of SG TH ID MY VN
 * c.email.endsWith('@example.net'); // true
 */
export function demoCustomer(seed: string, region: Region, index: number): DemoCustomer {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`customer index must be a non-negative integer, got ${index}`);
  const rng = createSeededRandom(seed).fork(`${region}/customer/${index}`);
  const salt = hash128(`${seed}/${region}`)[2];
  const tag = seedTag(seed);
  const country = rng.weighted(DEMO_COUNTRIES.filter((c) => c.region === region).map((c) => [c, c.weight] as const));
  const pool: NamePool = DEMO_NAMES[rng.pick(country.names)];
  const given: NameEntry = rng.pick(pool.given);
  const family: NameEntry = rng.pick(pool.family);
  const useLatin = rng.chance(country.latinNameShare);
  const show = useLatin ? latin : native;
  const name = pool.order === 'family-given' ? `${show(family)} ${show(given)}` : `${show(given)} ${show(family)}`;

  // The index, as digits after letters-only words, makes the address unique.
  const [g, f] = [emailWord(latin(given)), emailWord(latin(family))];
  const local = rng.weighted([
    [`${g}.${f}${index}`, 4],
    [`${g}${f}${index}`, 2],
    [`${g.slice(0, 1)}${f}${index}`, 2],
    [`${f}.${g}${index}`, 1],
  ] as const);

  const orderCount = rng.weighted([[1, 5], [2, 3], [3, 2]] as const);
  const orders = Array.from({ length: orderCount }, (_, k) => `ORD-${region.toUpperCase()}-${tag}-${scramble(index * 3 + k, 9, salt)}`);

  const service = rng.chance(CONSENT_RATES.service);
  return {
    region,
    index,
    externalId: `cus-${tag}-${region}-${scramble(index, 8, salt)}`,
    country: country.code,
    name,
    email: `${local}@${EMAIL_DOMAIN[region]}`,
    ...(rng.chance(7 / 8) ? { phone: demoPhoneNumber(country.code, index, salt % 1_000_003) } : {}),
    languages: country.languages,
    preferredChannel: rng.weighted(CHANNEL_MIX[region]),
    orders,
    consents: {
      service,
      model_training: rng.chance(CONSENT_RATES.model_training),
      analytics: rng.chance(CONSENT_RATES.analytics),
    },
  };
}
