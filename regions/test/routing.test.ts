import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { loadRegionData, EMOTION_LABELS, type TaskName, type LabeledText } from '@meridian/federation/data/index.ts';
import { featurizeExamples, trainLocal } from '@meridian/federation/training/index.ts';
import { addWeights, initWeights } from '@meridian/federation/model/index.ts';
import { referenceEngine } from '@meridian/federation/model/reference/reference-engine.ts';
import { createClassifier, createMessageClassifier } from '@meridian/federation/inference/index.ts';
import { DEFAULT_TOKENIZER_CONFIG } from '@meridian/federation/tokenizer/tokenizer-config.ts';
import type { ModelSpec } from '@meridian/federation/model/model-spec.ts';
import { ingestAtomically } from '../src/ingest/ingest-batch.ts';
import { modelClassifier } from '../src/routing/model-classifier.ts';
import { testNode, record } from './node-fixture.ts';

/** A real (small) model for one task, trained on the eu region's share of shared/data. */
async function train(task: TaskName, maxTrain: number, maxTest = 400) {
  const data = loadRegionData(task, { maxTrainPerSource: maxTrain, maxTestPerSource: maxTest });
  const spec: ModelSpec = { task, labels: data.labels, dim: 32, tokenizer: DEFAULT_TOKENIZER_CONFIG };
  const examples = featurizeExamples(data.regions.eu.train, spec.tokenizer);
  const global = initWeights(spec, 7);
  const fit = await trainLocal(global, examples, { round: 1, localEpochs: 4, learningRate: 0.03, proximalMu: 0, batchSize: 64 }, { spec, region: 'eu', engine: referenceEngine });
  return { model: { spec, weights: addWeights(global, fit.delta) }, test: data.regions.eu.test };
}

describe('routing ingested messages with trained models', () => {
  let node: Awaited<ReturnType<typeof testNode>>;
  let tests: Record<TaskName, LabeledText[]>;
  beforeAll(async () => {
    const [intent, sentiment, emotion] = await Promise.all([train('intent', 4000), train('sentiment', 3000), train('emotion', 6000, 3000)]);
    tests = { intent: intent.test, sentiment: sentiment.test, emotion: emotion.test };
    const models = createMessageClassifier({
      intent: createClassifier(intent.model, referenceEngine),
      sentiment: createClassifier(sentiment.model, referenceEngine),
      emotion: createClassifier(emotion.model, referenceEngine),
    });
    node = await testNode('eu', 'pglite', { classifier: modelClassifier(models) });
  }, 180_000);
  afterAll(async () => node?.close());

  const routeAll = async (texts: string[]) =>
    ingestAtomically(node, texts.map((text) => record('eu', { text: text.slice(0, 20_000), language: 'en' })));
  const share = (rs: { route: string | null }[], route: string) => rs.filter((r) => r.route === route).length / rs.length;

  it('sends angry and anxious customers to a person far more often than calm ones', async () => {
    const angry = tests.emotion.filter((t) => t.label === EMOTION_LABELS.indexOf('anger') && t.language === 'en').slice(0, 80).map((t) => t.text);
    const anxious = tests.emotion.filter((t) => t.label === EMOTION_LABELS.indexOf('fear') && t.language === 'en').slice(0, 80).map((t) => t.text);
    const calm = tests.intent.slice(0, 200).map((t) => t.text);
    expect(angry.length).toBeGreaterThan(40);
    expect(anxious.length).toBeGreaterThan(20);
    const [a, f, c] = [await routeAll(angry), await routeAll(anxious), await routeAll(calm)];
    const escalated = (rs: typeof a) => rs.filter((r) => r.route === 'person' && (r.routeReason === 'anger' || r.routeReason === 'anxiety')).length / rs.length;
    // Angry and anxious customers reach a person (by emotion, or because no intent fits)...
    expect(share(a, 'person')).toBeGreaterThan(0.9);
    expect(share(f, 'person')).toBeGreaterThan(0.9);
    expect(share(c, 'person')).toBeLessThan(0.3);
    // ...and the emotion model itself escalates them several times as often as calm banking questions.
    expect(escalated(a)).toBeGreaterThan(3 * escalated(c));
    expect(escalated(f)).toBeGreaterThan(3 * escalated(c));
    expect(escalated(c)).toBeLessThan(0.1);
  });

  it('sends messages outside every intent to a person, and keeps in-scope banking questions away from that', async () => {
    // Tweets about football, films and politics: no banking intent fits them.
    const offTopic = tests.sentiment.filter((t) => t.language === 'en').slice(0, 150).map((t) => t.text);
    const inScope = tests.intent.slice(0, 200).map((t) => t.text);
    const [off, on] = [await routeAll(offTopic), await routeAll(inScope)];
    const lowConfidence = (rs: typeof off) => rs.filter((r) => r.routeReason === 'low_confidence' || r.routeReason === 'out_of_scope').length / rs.length;
    expect(lowConfidence(off)).toBeGreaterThan(0.6);
    expect(lowConfidence(on)).toBeLessThan(0.35);
    expect(share(on, 'bot') + share(on, 'expert')).toBeGreaterThan(0.6);
  });

  it('labels every bot reply as AI-generated, in the customer language, and stores and counts the decision', async () => {
    const rs = await routeAll(tests.intent.slice(200, 260).map((t) => t.text));
    const bot = rs.filter((r) => r.route === 'bot');
    expect(bot.length).toBeGreaterThan(10);
    for (const r of bot) expect(r.botReply).toMatchObject({ aiGenerated: true, language: 'en', disclosure: expect.stringContaining('AI') });
    for (const r of rs.filter((x) => x.route !== 'bot')) expect(r.botReply).toBeUndefined();
    const stored = await node.db.selectFrom('messages').select(['route', 'intent', 'emotion', 'confidence']).where('id', '=', bot[0]!.messageId).executeTakeFirstOrThrow();
    expect(stored.route).toBe('bot');
    expect(stored.intent).toMatch(/^[a-z_]+$/);
    expect(await node.metrics.registry.metrics()).toMatch(/meridian_messages_routed_total\{route="bot",reason="in_scope"/);
  });
});
