import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../test/databases.ts';
import type { Weights } from '../../src/model/weights.ts';
import { runRoundsAsParticipant } from '../../src/round/participant/run-rounds-as-participant.ts';
import { createSecureAggregator } from '../../src/secure-aggregation/secure-aggregator.ts';
import { SECAGG_TOPICS } from '../../src/secure-aggregation/secagg-topics.ts';
import { runFixture, type FixtureProcess } from '../coordinator/support/child-process.ts';
import { regionClient, startTestCoordinator, type TestCoordinator } from '../coordinator/support/coordinator-fixture.ts';
import { createTestPki } from '../coordinator/support/test-pki.ts';
import { fixedDeltaTrainer } from '../coordinator/support/test-trainers.ts';
import { secaggTransforms } from './support/secagg-parties.ts';
import type { RoundChannel } from '../../src/round/round-channel.ts';
import type { Aggregator } from '../../src/round/aggregator.ts';

// Dyadic numbers and weights 30/40, 10/40: every step is exact, so the comparison is bit for bit.
const global: Weights = { w: Float32Array.of(1, 2, -1, 0.5), b: Float32Array.of(0) };
const eu = { delta: { w: Float32Array.of(0.5, 0.25, 1, -2), b: Float32Array.of(1) }, numExamples: 30 };
const sea = { delta: { w: Float32Array.of(-1.5, 0.25, 0, 2), b: Float32Array.of(-1) }, numExamples: 10 };
/** What `me` would have sent: big enough to show up in the result if any of it were left in. */
const me = { delta: { w: [8, 8, 8, 8], b: [8] }, numExamples: 1000 };

const STRAGGLER_MS = 4_000;

let t: TestDatabase | undefined;
let c: TestCoordinator | undefined;
let child: FixtureProcess | undefined;
afterAll(async () => {
  child?.child.kill('SIGKILL');
  await c?.running.close();
  await t?.close();
});

/** Keeps the server's view of the channel, to show what the unmasking step exchanged. */
function keepingChannel(inner: Aggregator, kept: { channel?: RoundChannel }): Aggregator {
  return { ...inner, aggregate: (input) => ((kept.channel = input.channel), inner.aggregate(input)) };
}

describe('dropout: a region killed after the key exchange, before its masked upload', () => {
  it('completes the round, and the survivors reveal shares so the result is exactly their weighted average', async () => {
    const pki = createTestPki();
    t = await freshDatabase('postgres');
    const kept: { channel?: RoundChannel } = {};
    c = await startTestCoordinator({
      db: t.db,
      pki,
      initialWeights: global,
      settings: { rounds: 1, minParticipants: 2, stragglerTimeoutMs: STRAGGLER_MS, evaluationTimeoutMs: 2_000 },
      aggregator: (strategy) => keepingChannel(createSecureAggregator(strategy, { weighting: 'examples' }), kept),
    });

    const id = pki.regions.me!;
    // A real OS process: the test fixture path is resolved from the coordinator tests' fixture folder.
    child = runFixture('../../secure-aggregation/fixtures/secagg-participant-process', { url: c.running.url, ca: pki.ca.certPem, key: id.key, cert: id.cert, region: 'me', federation: 'intent', ...me });
    const transforms = secaggTransforms(pki, { weighting: 'examples', keyWaitMs: 10_000, unmaskWaitMs: 20_000 });
    const survivors = (['eu', 'sea'] as const).map((region) => {
      const { client, close } = regionClient(pki, pki.regions[region]!, c!.running.url);
      const fixed = region === 'eu' ? eu : sea;
      const run = runRoundsAsParticipant({ federation: 'intent', region, client, trainer: fixedDeltaTrainer(region, fixed.delta, fixed.numExamples), transforms: [transforms[region]!], pollWaitMs: 5_000 });
      return { run, close };
    });

    const opened = await c.event('round_opened');
    expect(opened.invited).toEqual(['eu', 'me', 'sea']);
    // `me` advertised its keys and sent its seed shares, then is killed before uploading.
    await child.waitFor((e) => e.event === 'masked', 30_000);
    child.child.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');

    const aggregated = await c.event('round_aggregated', undefined, 30_000);
    expect(aggregated).toMatchObject({ contributors: ['eu', 'sea'], failures: { me: 'timeout' }, totalExamples: 40 });
    // 0.75·eu + 0.25·sea: Δw = [0, 0.25, 0.75, -1], Δb = 0.5 on top of the global model; me's masks and values are gone.
    expect(await c.registry.get(aggregated.modelOut)).toEqual({ w: Float32Array.of(1, 2.25, -0.25, -0.5), b: Float32Array.of(0.5) });

    // The unmasking really went through the dropout path: me was in the mask set, and the survivors answered.
    const channel = kept.channel!;
    expect((await channel.read(SECAGG_TOPICS.keys)).map((m) => m.from).sort()).toEqual(['eu', 'me', 'sea']);
    expect((await channel.read(SECAGG_TOPICS.shares)).filter((m) => m.from === 'me').map((m) => m.to).sort()).toEqual(['eu', 'sea']);
    expect((await channel.read(SECAGG_TOPICS.unmask)).map((m) => m.from).sort()).toEqual(['eu', 'sea']);

    for (const s of survivors) {
      expect(await s.run).toMatchObject({ round: 1, modelHash: aggregated.modelOut, rounds: { 1: { submitted: true } } });
      await s.close();
    }
  });
});
