import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../test/databases.ts';
import { initWeights } from '../../src/model/init-weights.ts';
import type { ModelSpec } from '../../src/model/model-spec.ts';
import { referenceEngine } from '../../src/model/reference/reference-engine.ts';
import { serializeModel } from '../../src/model/serialize-model.ts';
import { modelHash } from '../../src/model/model-hash.ts';
import { fastTextModelCodec } from '../../src/registry/fasttext-model-codec.ts';
import { createPostgresModelRegistry } from '../../src/registry/postgres/postgres-model-registry.ts';
import { runRoundsAsParticipant, type ParticipantSummary } from '../../src/round/participant/run-rounds-as-participant.ts';
import type { ParticipantEvent } from '../../src/round/participant/participant-event.ts';
import { createFedAvg } from '../../src/strategy/fed-avg/fed-avg.ts';
import { evaluateModel } from '../../src/training/evaluate-model.ts';
import { featurizeExamples } from '../../src/training/featurize-examples.ts';
import { trainLocal } from '../../src/training/train-local.ts';
import { createTestPki, type TestPki } from './support/test-pki.ts';
import { regionClient, startTestCoordinator, type TestCoordinator } from './support/coordinator-fixture.ts';
import { findCanaries } from './support/find-canaries.ts';
import { teeRequests } from './support/tee-requests.ts';

const spec: ModelSpec = { task: 'intent', labels: ['card_lost', 'balance', 'refund'], dim: 8, tokenizer: { buckets: 1024, wordNgrams: 2, charNgramMin: 2, charNgramMax: 4 } };

/** Personal values seeded into each region's local data: names, e-mails (as subject ids too), phones, whole messages. */
const people = {
  eu: { name: 'Ingrid Kanarienvogel', email: 'ingrid.kanarienvogel@example.eu', phone: '+49 151 23456789' },
  sea: { name: 'Somchai Nokkhamin', email: 'somchai.nokkhamin@example.sg', phone: '+66 81 234 5678' },
  me: { name: 'فاطمة الكناري', email: 'fatima.alkanari@example.ae', phone: '+971 50 123 4567' },
} as const;
type Region = keyof typeof people;
const messages: Record<Region, { text: string; label: number }[]> = {
  eu: [
    { text: `Hallo, ich bin ${people.eu.name}, meine Karte wurde gestohlen, ruf mich an: ${people.eu.phone}`, label: 0 },
    { text: `Please refund order 88-1923 to ${people.eu.email}, signed ${people.eu.name}`, label: 2 },
    { text: `What is my balance? ${people.eu.name}, ${people.eu.phone}`, label: 1 },
  ],
  sea: [
    { text: `สวัสดีครับ ผม ${people.sea.name} บัตรหาย โทร ${people.sea.phone}`, label: 0 },
    { text: `Balance please for ${people.sea.email}`, label: 1 },
    { text: `ขอเงินคืนด้วยครับ ${people.sea.name}`, label: 2 },
  ],
  me: [
    { text: `مرحبا اسمي ${people.me.name} فقدت بطاقتي رقمي ${people.me.phone}`, label: 0 },
    { text: `كم رصيدي؟ ${people.me.email}`, label: 1 },
    { text: `أريد استرداد المبلغ من فضلك ${people.me.name}`, label: 2 },
  ],
};
const filler = ['my card is lost', 'lost card help', 'what is my balance', 'show balance now', 'refund my money', 'I want a refund'];
const canaries = [
  ...Object.values(people).flatMap((p) => [p.name, p.email, p.phone, p.phone.replaceAll(' ', '')]),
  ...Object.values(messages).flatMap((m) => m.map((x) => x.text)),
];

function localData(region: Region) {
  const items = [
    ...messages[region].map((m, i) => ({ ...m, subjectId: i === 0 ? people[region].email : `${region}-subject-${i}` })),
    ...filler.map((text, i) => ({ text, label: Math.floor(i / 2), subjectId: `${region}-filler-${i}` })),
  ];
  return { train: featurizeExamples(items, spec.tokenizer), test: featurizeExamples(items.slice(0, 6), spec.tokenizer) };
}

let pki: TestPki;
let t: TestDatabase;
let c: TestCoordinator;
const captured: Record<Region, Uint8Array[]> = { eu: [], sea: [], me: [] };
const events: Record<Region, ParticipantEvent[]> = { eu: [], sea: [], me: [] };
let summaries: ParticipantSummary[];
const ROUNDS = 3;

beforeAll(async () => {
  pki = createTestPki();
  t = await freshDatabase('postgres');
  const codec = fastTextModelCodec(spec);
  c = await startTestCoordinator({
    db: t.db,
    pki,
    initialWeights: initWeights(spec, 7),
    settings: { rounds: ROUNDS, minParticipants: 3, stragglerTimeoutMs: 20_000 },
    strategy: createFedAvg({ schedule: { rounds: ROUNDS, localEpochs: 2, learningRate: 0.1, batchSize: 4 } }),
    registry: createPostgresModelRegistry({ db: t.db, codec }),
  });
  summaries = await Promise.all(
    (Object.keys(people) as Region[]).map(async (region) => {
      const { client, close } = regionClient(pki, pki.regions[region]!, c.running.url, (agent) => teeRequests(agent, (b) => captured[region].push(b.slice())));
      const data = localData(region);
      try {
        return await runRoundsAsParticipant({
          federation: 'intent',
          region,
          client,
          codec,
          trainer: (global, config) => trainLocal(global, data.train, config, { spec, region, engine: referenceEngine }),
          evaluator: (weights) => {
            const report = evaluateModel(weights, spec, data.test, referenceEngine);
            return { numExamples: data.test.length, metrics: { accuracy: report.accuracy, macroF1: report.macroF1 } };
          },
          onEvent: (e) => events[region].push(e),
          pollWaitMs: 5_000,
        });
      } finally {
        await close();
      }
    }),
  );
});
afterAll(async () => {
  await c?.running.close();
  await t?.close();
});

describe('residency by construction', () => {
  it('trained for real: three rounds of local fastText training on the seeded data, with fastText models in the registry', async () => {
    for (const s of summaries) expect(Object.keys(s.rounds)).toEqual(['1', '2', '3']);
    const last = summaries[0]!.modelHash;
    const weights = await c.registry.get(last);
    expect(modelHash(serializeModel({ spec, weights: weights! }))).toBe(last);
  });

  it('captured every request each region sent to the coordinator, updates included', () => {
    for (const region of Object.keys(people) as Region[]) {
      const all = Buffer.concat(captured[region]);
      expect(all.includes(Buffer.from(`POST ${c.running.url}/trpc/round.submit`))).toBe(true);
      expect(all.includes(Buffer.from('/trpc/round.evaluate'))).toBe(true);
      const uploaded = events[region].filter((e) => e.type === 'submitted').reduce((n, e) => n + (e as { bytes: number }).bytes, 0);
      expect(uploaded).toBeGreaterThanOrEqual(ROUNDS * (1024 * 8 + 8 * 3 + 3) * 4);
      // Base64 of the float32 updates: the bulk of the bytes is there.
      expect(all.length).toBeGreaterThan((uploaded * 4) / 3);
    }
  });

  it('no seeded personal value appears in any byte a region sent, in any encoding', () => {
    for (const region of Object.keys(people) as Region[]) {
      expect(findCanaries(Buffer.concat(captured[region]), canaries), `leaked by ${region}`).toEqual([]);
    }
  });

  it('would notice a leak (the detector finds canaries hidden in the usual encodings)', () => {
    const secret = people.me.email;
    for (const hidden of [
      JSON.stringify({ annotations: { note: secret } }),
      `GET /trpc/round.poll?input=${encodeURIComponent(JSON.stringify({ known: secret }))}`,
      JSON.stringify({ tensors: { t: Buffer.from(`xx${secret}yy`).toString('base64') } }),
      JSON.stringify({ tensors: { t: Buffer.from(`x${secret}`).toString('base64') } }),
    ]) {
      expect(findCanaries(Buffer.from(hidden), canaries)).toEqual([secret]);
    }
    expect(findCanaries(Buffer.from(messages.sea[0]!.text), canaries)).toContain(people.sea.name);
  });
});
