/**
 * Phone number plans for demo customers, E.164 with spaces as the country
 * writes them.
 *
 * Germany is the one country here with an official range for fiction: the
 * Bundesnetzagentur's "drama numbers" (Amtsblatt 7/2021, Mitteilung 148/2021),
 * 1,000 numbers each in Berlin 030 23125, Frankfurt 069 90009, Hamburg
 * 040 66969, Köln 0221 4710 and München 089 99998. German customers use
 * the first four blocks while they last (4,000), then mobile numbers; the
 * München block is left to the canary customers.
 * For the other countries no reserved range is known to us, so numbers
 * follow the national mobile format with digits from the seed and may
 * belong to someone: demo data must never be dialled or sent an SMS.
 */
interface MobilePlan {
  readonly cc: string;
  /** National prefixes a mobile number starts with (after the country code). */
  readonly prefixes: readonly string[];
  /** Subscriber digits after the prefix. */
  readonly digits: number;
  /** Group sizes for display, applied to prefix + subscriber digits. */
  readonly groups: readonly number[];
}

const MOBILE: Readonly<Record<string, MobilePlan>> = {
  DE: { cc: '49', prefixes: ['151', '160', '170', '176'], digits: 8, groups: [3, 8] },
  AT: { cc: '43', prefixes: ['660', '664', '676', '699'], digits: 7, groups: [3, 7] },
  FR: { cc: '33', prefixes: ['6', '7'], digits: 8, groups: [1, 2, 2, 2, 2] },
  ES: { cc: '34', prefixes: ['6'], digits: 8, groups: [3, 3, 3] },
  IT: { cc: '39', prefixes: ['320', '333', '347', '380'], digits: 7, groups: [3, 3, 4] },
  PT: { cc: '351', prefixes: ['91', '92', '93', '96'], digits: 7, groups: [3, 3, 3] },
  IE: { cc: '353', prefixes: ['83', '85', '86', '87'], digits: 7, groups: [2, 3, 4] },
  SG: { cc: '65', prefixes: ['8', '9'], digits: 7, groups: [4, 4] },
  TH: { cc: '66', prefixes: ['6', '8', '9'], digits: 8, groups: [2, 3, 4] },
  ID: { cc: '62', prefixes: ['812', '813', '821', '857'], digits: 8, groups: [3, 4, 4] },
  MY: { cc: '60', prefixes: ['12', '16', '17', '19'], digits: 7, groups: [2, 3, 4] },
  VN: { cc: '84', prefixes: ['90', '91', '98', '70'], digits: 7, groups: [2, 3, 4] },
  AE: { cc: '971', prefixes: ['50', '52', '55', '56'], digits: 7, groups: [2, 3, 4] },
  SA: { cc: '966', prefixes: ['50', '53', '55', '56'], digits: 7, groups: [2, 3, 4] },
};

// München's block (089 99998) is kept for the canary customers.
const DE_DRAMA: readonly (readonly [area: string, block: string])[] = [
  ['30', '23125'],
  ['69', '90009'],
  ['40', '66969'],
  ['221', '4710'],
];

function group(digits: string, sizes: readonly number[]): string {
  const out: string[] = [];
  let i = 0;
  for (const size of sizes) {
    if (i >= digits.length) break;
    out.push(digits.slice(i, (i += size)));
  }
  if (i < digits.length) out.push(digits.slice(i));
  return out.join(' ');
}

/** True for a country that has a phone plan here. */
export function hasPhonePlan(country: string): boolean {
  return Object.hasOwn(MOBILE, country);
}

/**
 * The demo phone number of the `serial`-th customer of a region living in
 * `country`. Distinct serials give distinct numbers (up to 10^digits per
 * country): the subscriber digits are an affine bijection of the serial,
 * offset by `salt` so seeds differ.
 *
 * @example
 * demoPhoneNumber('DE', 0, 0); // '+49 30 23125 000', a Bundesnetzagentur drama number
 * demoPhoneNumber('SG', 7, 123); // '+65 9296 3086'
 */
export function demoPhoneNumber(country: string, serial: number, salt: number): string {
  if (country === 'DE' && serial < DE_DRAMA.length * 1000) {
    const [area, block] = DE_DRAMA[Math.floor(serial / 1000)]!;
    return `+49 ${area} ${block} ${String(serial % 1000).padStart(3, '0')}`;
  }
  const plan = MOBILE[country];
  if (!plan) throw new RangeError(`no phone plan for country ${country}`);
  const space = 10 ** plan.digits;
  // serial ↦ (serial mod P, serial div P) is a bijection, and 7,654,321 is
  // coprime with 10, so q ↦ (7654321·q + salt) mod 10^d is one too.
  const prefix = plan.prefixes[serial % plan.prefixes.length]!;
  const q = Math.floor(serial / plan.prefixes.length) % space;
  const subscriber = ((q * 7_654_321 + (salt % space)) % space).toString().padStart(plan.digits, '0');
  return `+${plan.cc} ${group(prefix + subscriber, plan.groups)}`;
}
