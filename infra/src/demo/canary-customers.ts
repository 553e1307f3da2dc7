import type { Region } from '@meridian/core/policy/region-profile.ts';
import type { SpecialCategory } from '@meridian/core/special-categories/special-category.ts';
import type { IngestRecord } from '@meridian/regions/ingest/ingest-record.ts';

/** A customer whose every value is distinctive enough to grep for in dumps and captures. */
export interface CanaryCustomer {
  readonly region: Region;
  readonly externalId: string;
  readonly country: string;
  readonly name: string;
  readonly email: string;
  readonly phone: string;
  readonly orderRef: string;
  readonly language: string;
  /**
   * Messages; each carries the canary token. `categories` is what the
   * special-category detector must find in it (empty: nothing), so tests can
   * check the region's handling (the `me` canaries' religious message must
   * be stored redacted).
   */
  readonly messages: readonly { readonly text: string; readonly categories: readonly SpecialCategory[] }[];
}

/**
 * The token every canary value contains: "zqxj" occurs in no language of the
 * data sets, so any hit in a dump or a network capture is a canary.
 */
export const CANARY_TOKEN = 'zqxj';

/**
 * One or two canaries per region, in Latin and in the region's own script.
 * Phones: the German one is a Bundesnetzagentur drama number (089 99998,
 * kept out of the ordinary demo customers); the others put a 0 right after
 * the country code, which no national numbering plan here allocates, so they
 * can reach no one while still passing a lenient phone-format check.
 *
 * @example
 * const eu = CANARY_CUSTOMERS.filter((c) => c.region === 'eu');
 * findInDump(dump, eu.flatMap(canaryValues)); // must be []
 */
export const CANARY_CUSTOMERS: readonly CanaryCustomer[] = [
  {
    region: 'eu',
    externalId: 'canary-zqxj-eu-1',
    country: 'DE',
    name: 'Canary Zqxjvald Eumerle',
    email: 'canary-zqxj-eu1@example.org',
    phone: '+49 89 99998 042',
    orderRef: 'ORD-CANARY-ZQXJ-EU1',
    language: 'en',
    messages: [
      { text: 'Zqxjvald canary: parcel ORD-CANARY-ZQXJ-EU1 never reached Zqxjweg 7, Berlin.', categories: [] },
      { text: 'Zqxjvald canary: where is my refund? I pray at the mosque every Friday, so call on Saturday.', categories: ['user.demographic.religious_belief'] },
      { text: 'Zqxjvald canary: I was in hospital after surgery and missed the courier.', categories: ['user.health'] },
    ],
  },
  {
    region: 'sea',
    externalId: 'canary-zqxj-sea-1',
    country: 'SG',
    name: 'Canary Zqxjlim Seaworth',
    email: 'canary-zqxj-sea1@example.org',
    phone: '+65 0999 4201',
    orderRef: 'ORD-CANARY-ZQXJ-SEA1',
    language: 'en',
    messages: [
      { text: 'Zqxjlim canary: my card for ORD-CANARY-ZQXJ-SEA1 was charged twice.', categories: [] },
      { text: 'Zqxjlim canary: I am pregnant, please deliver to the door.', categories: ['user.health'] },
    ],
  },
  {
    region: 'sea',
    externalId: 'canary-zqxj-sea-2',
    country: 'TH',
    name: 'ซคซจ แคนารีทดสอบ',
    email: 'canary-zqxj-sea2@example.org',
    phone: '+66 0999 4202',
    orderRef: 'ORD-CANARY-ZQXJ-SEA2',
    language: 'th',
    messages: [
      { text: 'Zqxjthai ยังไม่ได้รับของ ORD-CANARY-ZQXJ-SEA2 ครับ', categories: [] },
      { text: 'Zqxjthai ตอนนี้อยู่โรงพยาบาล ช่วยเลื่อนส่งของด้วยครับ', categories: ['user.health'] },
    ],
  },
  {
    region: 'me',
    externalId: 'canary-zqxj-me-1',
    country: 'AE',
    name: 'Canary Zqxjrashid Alkanar',
    email: 'canary-zqxj-me1@example.org',
    phone: '+971 0999 4203',
    orderRef: 'ORD-CANARY-ZQXJ-ME1',
    language: 'en',
    messages: [
      { text: 'Zqxjrashid canary: order ORD-CANARY-ZQXJ-ME1 is late.', categories: [] },
      { text: 'Zqxjrashid canary: I am fasting and pray at the mosque, deliver after sunset.', categories: ['user.demographic.religious_belief'] },
    ],
  },
  {
    region: 'me',
    externalId: 'canary-zqxj-me-2',
    country: 'SA',
    name: 'زقكسج كناري',
    email: 'canary-zqxj-me2@example.org',
    phone: '+966 0999 4204',
    orderRef: 'ORD-CANARY-ZQXJ-ME2',
    language: 'ar',
    messages: [
      { text: 'Zqxjarabi طلبي ORD-CANARY-ZQXJ-ME2 لم يصل بعد', categories: [] },
      { text: 'Zqxjarabi أنا صائم وأصلي في المسجد، أرسلوا الطلب بعد المغرب', categories: ['user.demographic.religious_belief'] },
    ],
  },
];

/**
 * Every value of a canary that must never appear in plaintext outside its
 * region's encrypted storage: identifiers, contact data, order and texts.
 *
 * @example
 * canaryValues(CANARY_CUSTOMERS[0]!).includes('canary-zqxj-eu1@example.org'); // true
 */
export function canaryValues(c: CanaryCustomer): string[] {
  return [c.externalId, c.name, c.email, c.phone, c.orderRef, ...c.messages.map((m) => m.text)];
}

/**
 * The canaries' messages as ingestion records, sent in the minutes before
 * `now`, with every consent granted (so they reach training data too, where
 * invariant 1 of DESIGN.md §8 must still hold).
 *
 * @example
 * for (const r of canaryRecords(new Date())) await ingest(r);
 */
export function canaryRecords(now: Date, canaries: readonly CanaryCustomer[] = CANARY_CUSTOMERS): IngestRecord[] {
  const records: IngestRecord[] = [];
  canaries.forEach((c, i) => {
    c.messages.forEach((m, j) => {
      records.push({
        sourceMessageId: `${c.externalId}-${j}`,
        channel: j % 2 === 0 ? 'chat' : 'email',
        sentAt: new Date(now.getTime() - (canaries.length * 10 - i * 10 - j) * 60_000).toISOString(),
        text: m.text,
        language: c.language,
        orderRef: c.orderRef,
        subject: { externalId: c.externalId, homeRegion: c.region, country: c.country, name: c.name, email: c.email, phone: c.phone },
        ...(j === 0
          ? { consents: (['service', 'model_training', 'analytics'] as const).map((purpose) => ({ purpose, granted: true })) }
          : {}),
      });
    });
  });
  return records;
}
