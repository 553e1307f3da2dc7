import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../test/databases.ts';
import type { Weights } from '../../src/model/weights.ts';
import { runRoundsAsParticipant } from '../../src/round/participant/run-rounds-as-participant.ts';
import { roundRepository } from '../../src/coordinator/round.repository.ts';
import { createTestPki } from './support/test-pki.ts';
import { regionClient, startTestCoordinator, type TestCoordinator } from './support/coordinator-fixture.ts';
import { fixedDeltaTrainer } from './support/test-trainers.ts';
import { runFixture, type FixtureProcess } from './support/child-process.ts';

// Numbers chosen so every step is exact in float32: the test compares bit for bit.
const global: Weights = { w: Float32Array.of(1, 2, -1, 0.5), b: Float32Array.of(0) };
const eu = { delta: { w: Float32Array.of(0.5, 0.25, 1, -2), b: Float32Array.of(1) }, numExamples: 30 };
const sea = { delta: { w: Float32Array.of(-1.5, 0.25, 0, 2), b: Float32Array.of(-1) }, numExamples: 10 };
/** What `me` would have sent: big enough to show up in the result if it were averaged in. */
const me = { delta: { w: [100, 100, 100, 100], b: [100] }, numExamples: 1000 };

const STRAGGLER_MS = 2_000;

let t: TestDatabase | undefined;
let c: TestCoordinator | undefined;
let child: FixtureProcess | undefined;
afterAll(async () => {
  child?.child.kill('SIGKILL');
  await c?.running.close();
  await t?.close();
});

describe('dropout: a region killed mid-round', () => {
  it('completes the round with the survivors at the straggler deadline, on exactly their weighted average', async () => {
    const pki = createTestPki();
    t = await freshDatabase('pglite');
    c = await startTestCoordinator({ db: t.db, pki, initialWeights: global, settings: { rounds: 1, minParticipants: 2, stragglerTimeoutMs: STRAGGLER_MS, evaluationTimeoutMs: 2_000 } });

    // `me` runs in its own process; the round opens once all three regions are present.
    const id = pki.regions.me!;
    child = runFixture('participant-process', {
      url: c.running.url,
      ca: pki.ca.certPem,
      key: id.key,
      cert: id.cert,
      region: 'me',
      federation: 'intent',
      behavior: 'hang-in-training',
      ...me,
    });
    const survivors = (['eu', 'sea'] as const).map((region) => {
      const { client, close } = regionClient(pki, pki.regions[region]!, c!.running.url);
      const fixed = region === 'eu' ? eu : sea;
      const run = runRoundsAsParticipant({ federation: 'intent', region, client, trainer: fixedDeltaTrainer(region, fixed.delta, fixed.numExamples), pollWaitMs: 5_000 });
      return { run, close };
    });

    const opened = await c.event('round_opened');
    expect(opened.invited).toEqual(['eu', 'me', 'sea']);
    await child.waitFor((e) => e.event === 'training');
    child.child.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');

    const aggregated = await c.event('round_aggregated');
    const waited = Date.now() - (Date.parse(opened.deadline) - STRAGGLER_MS);
    // It waited for the straggler deadline (me never answered), and not much longer.
    expect(waited).toBeGreaterThanOrEqual(STRAGGLER_MS - 50);
    expect(waited).toBeLessThan(STRAGGLER_MS + 3_000);
    expect(aggregated).toMatchObject({ contributors: ['eu', 'sea'], failures: { me: 'timeout' }, totalExamples: 40 });

    // By hand: FedAvg weights by examples, 30/40 = 0.75 for eu and 10/40 = 0.25 for sea.
    //   Δw = 0.75·[0.5, 0.25, 1, -2] + 0.25·[-1.5, 0.25, 0, 2] = [0, 0.25, 0.75, -1]
    //   Δb = 0.75·1 + 0.25·(-1) = 0.5
    //   new w = [1, 2, -1, 0.5] + Δw = [1, 2.25, -0.25, -0.5]; new b = [0.5]
    const next = await c.registry.get(aggregated.modelOut);
    expect(next).toEqual({ w: Float32Array.of(1, 2.25, -0.25, -0.5), b: Float32Array.of(0.5) });

    for (const s of survivors) {
      const summary = await s.run;
      expect(summary).toMatchObject({ round: 1, modelHash: aggregated.modelOut, rounds: { 1: { submitted: true, evaluated: true } } });
      await s.close();
    }
    const [round] = await roundRepository.list(t.db, 'intent');
    expect(round).toMatchObject({ status: 'closed', invited: ['eu', 'me', 'sea'], contributors: ['eu', 'sea'], failures: { me: 'timeout' }, example_counts: { eu: 30, sea: 10 } });
    const [leaf] = await c.roundLeaves();
    expect(leaf!.meta).toMatchObject({ participants: 'eu,sea', failed: 'me', examples: 40, exampleCounts: 'eu:30,sea:10', modelOut: aggregated.modelOut });
  });
});
