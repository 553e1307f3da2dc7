import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { freshDatabase, type TestDatabase } from '../../../test/databases.ts';
import type { Weights } from '../../src/model/weights.ts';
import { modelHash } from '../../src/model/model-hash.ts';
import { rawWeightsCodec } from '../../src/registry/raw-weights-codec.ts';
import { runRoundsAsParticipant, type ParticipantSummary } from '../../src/round/participant/run-rounds-as-participant.ts';
import type { FitResult } from '../../src/strategy/strategy.ts';
import { roundRepository } from '../../src/coordinator/round.repository.ts';
import { checkpointRepository } from '../../src/coordinator/checkpoint.repository.ts';
import { createStrategyAggregator } from '../../src/round/create-strategy-aggregator.ts';
import { createTestPki, type TestPki } from './support/test-pki.ts';
import { regionClient, startTestCoordinator, testStrategy, type TestCoordinator } from './support/coordinator-fixture.ts';
import { distanceEvaluator, pullTowardsTrainer } from './support/test-trainers.ts';

const initial: Weights = { 'dense/kernel': Float32Array.of(0, 0, 0, 0), 'dense/bias': Float32Array.of(0) };
const targets: Record<string, Weights> = {
  eu: { 'dense/kernel': Float32Array.of(1, 2, 3, 4), 'dense/bias': Float32Array.of(1) },
  me: { 'dense/kernel': Float32Array.of(-1, 0.5, 2, 0), 'dense/bias': Float32Array.of(-2) },
  sea: { 'dense/kernel': Float32Array.of(4, -4, 0.25, 1), 'dense/bias': Float32Array.of(0.5) },
};
const examples: Record<string, number> = { eu: 120, me: 300, sea: 80 };

let pki: TestPki;
beforeAll(() => {
  pki = createTestPki();
});

describe('federated rounds over mTLS', () => {
  let t: TestDatabase;
  let c: TestCoordinator;
  let summaries: ParticipantSummary[];
  const served: { round: number; hash: string; weights: Weights }[] = [];
  const ROUNDS = 3;

  beforeAll(async () => {
    t = await freshDatabase('pglite');
    c = await startTestCoordinator({ db: t.db, pki, initialWeights: initial, settings: { rounds: ROUNDS, minParticipants: 2, stragglerTimeoutMs: 10_000 } });
    const clients = Object.values(pki.regions).map((id) => ({ id, ...regionClient(pki, id, c.running.url) }));
    summaries = await Promise.all(
      clients.map(({ id, client }) =>
        runRoundsAsParticipant({
          federation: 'intent',
          region: id.region,
          client,
          trainer: pullTowardsTrainer(id.region, targets[id.region] as Weights, examples[id.region] as number),
          evaluator: distanceEvaluator(targets[id.region] as Weights, 10),
          onGlobalModel: ({ round, modelHash: hash, weights }) => {
            if (id.region === 'eu') served.push({ round, hash, weights });
          },
          pollWaitMs: 5_000,
        }),
      ),
    );
    await c.running.done;
    await Promise.all(clients.map((x) => x.close()));
  });
  afterAll(async () => {
    await c?.running.close();
    await t?.close();
  });

  it('runs every round with every region and ends on the same model everywhere', async () => {
    const final = (await checkpointRepository.find(t.db, 'intent'))!;
    expect(final.round).toBe(ROUNDS);
    for (const s of summaries) {
      expect(s).toMatchObject({ round: ROUNDS, modelHash: final.model_hash });
      expect(Object.keys(s.rounds).map(Number)).toEqual([1, 2, 3]);
      for (const r of Object.values(s.rounds)) expect(r).toEqual({ submitted: true, evaluated: true });
    }
  });

  it('yields exactly the model a plain in-process FedAvg loop computes', async () => {
    // The same strategy and trainers without any network, coordinator or database in between.
    const strategy = testStrategy(ROUNDS);
    let global = initial;
    for (let round = 1; round <= ROUNDS; round++) {
      const config = strategy.configureFit(round);
      const results = await Promise.all(
        ['eu', 'me', 'sea'].map((r) => pullTowardsTrainer(r, targets[r] as Weights, examples[r] as number)(global, config, { federation: 'intent', round, modelHash: '', signal: new AbortController().signal })),
      );
      global = strategy.aggregate(round, global, results as FitResult[], []);
    }
    const checkpoint = (await checkpointRepository.find(t.db, 'intent'))!;
    expect(checkpoint.model_hash).toBe(modelHash(rawWeightsCodec.encode(global)));
    expect(await c.registry.get(checkpoint.model_hash)).toEqual(global);
  });

  it('stores each round with its plan, participants, counts, model chain and evaluation', async () => {
    const rounds = await roundRepository.list(t.db, 'intent');
    expect(rounds.map((r) => [r.round, r.status, r.attempts])).toEqual([
      [1, 'closed', 1],
      [2, 'closed', 1],
      [3, 'closed', 1],
    ]);
    const history = await c.registry.history('intent');
    expect(history).toHaveLength(ROUNDS + 1);
    expect(history[0]).toMatchObject({ parentHash: null, round: null });
    for (const [i, r] of rounds.entries()) {
      expect(r).toMatchObject({
        invited: ['eu', 'me', 'sea'],
        contributors: ['eu', 'me', 'sea'],
        failures: {},
        example_counts: examples,
        total_examples: 500,
        strategy: 'fedavg',
        failure_reason: null,
      });
      expect(r.config).toMatchObject({ round: i + 1, localEpochs: 1, learningRate: 0.5 });
      expect(r.model_in).toBe(history[i]!.hash);
      expect(r.model_out).toBe(history[i + 1]!.hash);
      expect(history[i + 1]).toMatchObject({ parentHash: r.model_in, round: r.round });
      if (i > 0) expect(r.model_in).toBe(rounds[i - 1]!.model_out);
      expect(Object.keys(r.evaluation!.regions)).toEqual(['eu', 'me', 'sea']);
      expect(r.evaluation!.numExamples).toBe(30);
      expect(r.evaluation!.mean.distance).toBeGreaterThan(0);
    }
    // Training pulls the model towards the regions' targets, so the mean distance shrinks.
    expect(rounds[2]!.evaluation!.mean.distance!).toBeLessThan(rounds[0]!.evaluation!.mean.distance!);
  });

  it('hands every new global model to the node (to serve it), verified against its hash', async () => {
    const rounds = await roundRepository.list(t.db, 'intent');
    expect(served.map((m) => [m.round, m.hash])).toEqual(rounds.map((r) => [r.round, r.model_out]));
    for (const m of served) expect(modelHash(rawWeightsCodec.encode(m.weights))).toBe(m.hash);
  });

  it('records every round once on the ledger, in the transaction of the round', async () => {
    const rounds = await roundRepository.list(t.db, 'intent');
    const leaves = await c.roundLeaves();
    expect(leaves.map((l) => l.refId)).toEqual(['intent:round:1', 'intent:round:2', 'intent:round:3']);
    for (const [i, leaf] of leaves.entries()) {
      const r = rounds[i]!;
      expect(leaf).toMatchObject({ region: 'coordinator', type: 'training_round' });
      expect(leaf.meta).toMatchObject({
        federation: 'intent',
        round: r.round,
        outcome: 'aggregated',
        modelIn: r.model_in,
        modelOut: r.model_out!,
        participants: 'eu,me,sea',
        failed: '',
        examples: 500,
        exampleCounts: 'eu:120,me:300,sea:80',
        strategy: 'fedavg',
        aggregator: 'plain:fedavg',
      });
      expect(r.ledger_index).not.toBeNull();
    }
  });

  it('after the last round refuses updates, and serves models by hash only', async () => {
    const { client, close } = regionClient(pki, pki.regions.eu!, c.running.url);
    try {
      await expect(
        client.round.submit.mutate({ federation: 'intent', round: 1, numExamples: 1, encoding: 'float32-le', tensors: {}, metrics: {}, annotations: {} }),
      ).rejects.toMatchObject({ data: { httpStatus: 409, meridianCode: 'CONFLICT', evidence: { reason: 'federation_finished' } } });
      await expect(client.model.get.query({ federation: 'intent', hash: 'f'.repeat(64) })).rejects.toMatchObject({ data: { httpStatus: 404 } });
      await expect(client.model.get.query({ federation: 'nope', hash: 'f'.repeat(64) })).rejects.toMatchObject({ data: { httpStatus: 404, evidence: { reason: 'unknown_federation' } } });
    } finally {
      await close();
    }
  });
});

describe('rounds that fail', () => {
  it('fails at once when a region reports it cannot train, keeps the model, and records the failure', async () => {
    const t = await freshDatabase('pglite');
    const c = await startTestCoordinator({ db: t.db, pki, initialWeights: initial, settings: { rounds: 1, minParticipants: 3, stragglerTimeoutMs: 20_000 } });
    const clients = Object.values(pki.regions).map((id) => ({ id, ...regionClient(pki, id, c.running.url) }));
    try {
      const started = Date.now();
      const summaries = await Promise.all(
        clients.map(({ id, client }) =>
          runRoundsAsParticipant({
            federation: 'intent',
            region: id.region,
            client,
            trainer:
              id.region === 'me'
                ? () => {
                    throw new MeridianError('BUDGET_EXCEEDED', 'the privacy budget is spent', { region: 'me' });
                  }
                : pullTowardsTrainer(id.region, targets[id.region] as Weights, 10),
            pollWaitMs: 5_000,
          }),
        ),
      );
      // Everyone answered, so nobody waited for the 20 s straggler deadline.
      expect(Date.now() - started).toBeLessThan(10_000);
      const [round] = await roundRepository.list(t.db, 'intent');
      expect(round).toMatchObject({ status: 'failed', failure_reason: 'too_few_updates', contributors: [], model_out: null });
      // The round is given up as soon as the quorum is out of reach: a region may not even have uploaded yet.
      expect(round!.failures.me).toBe('reported:budget_exceeded');
      for (const r of ['eu', 'sea']) expect(['not_aggregated', 'not_waited_for']).toContain(round!.failures[r]);
      const checkpoint = (await checkpointRepository.find(t.db, 'intent'))!;
      expect(checkpoint).toMatchObject({ round: 1, model_hash: round!.model_in });
      expect(summaries.find((s) => s.region === 'me')!.rounds[1]).toEqual({ submitted: false, evaluated: false, failure: 'budget_exceeded' });
      const [leaf] = await c.roundLeaves();
      expect(leaf!.meta).toMatchObject({ outcome: 'failed', modelIn: round!.model_in, modelOut: round!.model_in, participants: '', failed: 'eu,me,sea', examples: 0 });
    } finally {
      await Promise.all(clients.map((x) => x.close()));
      await c.running.close();
      await t.close();
    }
  });

  it('fails a round whose aggregation throws, keeps the model and the strategy state, and goes on with the next round', async () => {
    const t = await freshDatabase('pglite');
    let calls = 0;
    const c = await startTestCoordinator({
      db: t.db,
      pki,
      initialWeights: initial,
      settings: { rounds: 2, minParticipants: 3, stragglerTimeoutMs: 20_000, evaluationTimeoutMs: 0 },
      aggregator: (strategy) => {
        const plain = createStrategyAggregator(strategy);
        return {
          ...plain,
          aggregate: async (input) => {
            if (++calls === 1) throw new MeridianError('BAD_INPUT', 'cannot unmask', { reason: 'test' });
            return plain.aggregate(input);
          },
        };
      },
    });
    const clients = Object.values(pki.regions).map((id) => ({ id, ...regionClient(pki, id, c.running.url) }));
    try {
      await Promise.all(
        clients.map(({ id, client }) =>
          runRoundsAsParticipant({ federation: 'intent', region: id.region, client, trainer: pullTowardsTrainer(id.region, targets[id.region] as Weights, 10), pollWaitMs: 5_000 }),
        ),
      );
      const [first, second] = await roundRepository.list(t.db, 'intent');
      expect(first).toMatchObject({ status: 'failed', failure_reason: 'aggregation_failed:bad_input', failures: { eu: 'not_aggregated', me: 'not_aggregated', sea: 'not_aggregated' } });
      expect(second).toMatchObject({ status: 'closed', model_in: first!.model_in, contributors: ['eu', 'me', 'sea'] });
      expect(second!.model_out).not.toBe(second!.model_in);
    } finally {
      await Promise.all(clients.map((x) => x.close()));
      await c.running.close();
      await t.close();
    }
  });
});
