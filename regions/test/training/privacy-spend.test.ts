import { afterEach, describe, expect, it } from 'vitest';
import { initWeights } from '@meridian/federation/model/init-weights.ts';
import { referenceEngine } from '@meridian/federation/model/reference/reference-engine.ts';
import { dpTrainer } from '@meridian/federation/privacy/dp-trainer.ts';
import { createMemoryPrivacySpendStore } from '@meridian/federation/privacy/memory-privacy-spend-store.ts';
import { summarizePrivacySpend } from '@meridian/federation/privacy/summarize-privacy-spend.ts';
import type { PrivacySpendEntry } from '@meridian/federation/privacy/privacy-spend-store.ts';
import { trainLocal } from '@meridian/federation/training/train-local.ts';
import { TINY_SPEC, toyExamples } from '../../../federation/test/helpers.ts';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../../test/databases.ts';
import { databasePrivacySpendStore } from '../../src/training/privacy-spend.repository.ts';
import { trainingLineage } from '../../src/training/training-lineage.repository.ts';
import { privacyBudgets } from '../../src/console/privacy-budgets.ts';
import { ingestAtomically } from '../../src/ingest/ingest-batch.ts';
import { record, testNode } from '../node-fixture.ts';

const open: TestDatabase[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});

const entry = (round: number, epsilon: number): PrivacySpendEntry => ({
  federation: 'intent',
  round,
  event: { sampleRate: 0.2236, noiseMultiplier: 1.0195751953125, steps: 4 + round },
  clipNorm: 1,
  epsilon,
  delta: 1e-5,
  at: new Date(Date.UTC(2026, 10, 25, 2, round)).toISOString(),
});

describe.each(DIALECTS)('the privacy spend store on %s', (dialect) => {
  it('keeps every release in order, per region and model, exactly as recorded', async () => {
    const db = await freshDatabase(dialect);
    open.push(db);
    const store = databasePrivacySpendStore(db.db);
    const memory = createMemoryPrivacySpendStore();
    for (const e of [entry(1, 1.5), entry(2, 2.25), entry(2, 2.9)]) {
      await store.record('eu', 'intent', e);
      await memory.record('eu', 'intent', e);
    }
    await store.record('eu', 'emotion', entry(1, 0.7));
    await store.record('sea', 'intent', entry(1, 0.9));
    // A retrained round is a second release: both rows count.
    expect(await store.load('eu', 'intent')).toEqual(await memory.load('eu', 'intent'));
    expect(await store.load('me', 'intent')).toEqual([]);
    const budget = { epsilon: 8, delta: 1e-5 };
    expect(summarizePrivacySpend(await store.load('eu', 'intent'), budget)).toEqual(summarizePrivacySpend(await memory.load('eu', 'intent'), budget));
  });

  it('a new process sees the spend, so the budget refuses a round a restart would otherwise allow', async () => {
    const db = await freshDatabase(dialect);
    open.push(db);
    const examples = toyExamples(300, 5);
    const subjects = new Set(examples.map((x) => x.subjectId)).size;
    const make = () =>
      dpTrainer({
        region: 'eu',
        model: 'toy',
        spec: TINY_SPEC,
        budget: { epsilon: 3, delta: 1e-5 },
        // A fresh store object per "process": only the database carries state.
        store: databasePrivacySpendStore(db.db),
        subjects,
        clipNorm: 1,
        noiseMultiplier: 1.5,
        maxExamplesPerSubject: 2,
        expectedSubjectsPerStep: 20,
        seed: new Uint8Array(32).fill(9),
        train: (global, c, _ctx, hooks) => trainLocal(global, examples, c, { spec: TINY_SPEC, region: 'eu', engine: referenceEngine, ...hooks }),
      });
    const config = { localEpochs: 1, learningRate: 0.02, proximalMu: 0, batchSize: 32 };
    const context = (round: number) => ({ federation: 'toy', round, modelHash: 'h', signal: new AbortController().signal });
    let round = 1;
    let refused: unknown;
    for (; round <= 50; round++) {
      try {
        await make()({ ...initWeights(TINY_SPEC, 1) }, { ...config, round }, context(round));
      } catch (e) {
        refused = e;
        break;
      }
    }
    expect(round).toBeGreaterThan(1);
    expect(refused).toMatchObject({ code: 'BUDGET_EXCEEDED' });
    const rows = await databasePrivacySpendStore(db.db).load('eu', 'toy');
    expect(rows).toHaveLength(round - 1);
    const summary = summarizePrivacySpend(rows, { epsilon: 3, delta: 1e-5 });
    expect(summary.spent).toBeLessThanOrEqual(3);
    expect(summary.spent).toBeCloseTo(rows.at(-1)?.epsilon ?? NaN, 9);
  });
});

describe.each(DIALECTS)('the console\'s budget view on %s', (dialect) => {
  it('composes ε from the DP rounds, and reports a model trained without DP as unbounded, never as the smaller figure', async () => {
    const node = await testNode('eu', dialect);
    try {
      const [{ subjectId }] = (await ingestAtomically(node, [record('eu')])) as [{ subjectId: string }];
      const subjects = new Map([[subjectId, 1]]);
      // intent: two rounds, both under DP. emotion: round 1 under DP, round 2 without.
      for (const round of [1, 2]) {
        await trainingLineage.record(node.db, 'intent', round, subjects, node.now());
        await trainingLineage.record(node.db, 'emotion', round, subjects, node.now());
        await databasePrivacySpendStore(node.db).record('eu', 'intent', { ...entry(round, 0), federation: 'intent' });
      }
      await databasePrivacySpendStore(node.db).record('eu', 'emotion', { ...entry(1, 0), federation: 'emotion' });
      const view = await privacyBudgets(node);
      const intent = view.models.find((m) => m.model === 'intent')!;
      const expected = summarizePrivacySpend(await databasePrivacySpendStore(node.db).load('eu', 'intent'), node.policy.profile.privacyBudget.intent!);
      expect(intent).toMatchObject({ dpRounds: 2, roundsTrained: 2, roundsWithoutDp: 0, spent: expected.spent, remaining: expected.remaining });
      expect(intent.spent).toBeGreaterThan(0);
      expect(view.models.find((m) => m.model === 'emotion')).toMatchObject({ dpRounds: 1, roundsTrained: 2, roundsWithoutDp: 1, spent: null, remaining: null });
      expect(view.models.find((m) => m.model === 'sentiment')).toMatchObject({ dpRounds: 0, roundsTrained: 0, spent: 0 });
    } finally {
      await node.close();
    }
  });
});
