import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../test/databases.ts';
import type { Weights } from '../../src/model/weights.ts';
import type { Aggregator } from '../../src/round/aggregator.ts';
import { envelopeOfFitResult } from '../../src/round/envelope-of-fit-result.ts';
import { createCoordinatorClient } from '../../src/round/participant/coordinator-client.ts';
import { runRoundsAsParticipant } from '../../src/round/participant/run-rounds-as-participant.ts';
import type { UpdateEnvelope } from '../../src/round/update-envelope.ts';
import { toWireUpdate, type WireUpdate } from '../../src/round/wire-update.ts';
import { createFixedPointCodec } from '../../src/secure-aggregation/fixed-point-codec.ts';
import { secaggAnnotations } from '../../src/secure-aggregation/secagg-annotations.ts';
import { SECAGG_ENCODING } from '../../src/secure-aggregation/secagg-encoding.ts';
import { createSecureAggregator } from '../../src/secure-aggregation/secure-aggregator.ts';
import { createMtlsAgent } from '../../src/transport/create-mtls-agent.ts';
import { regionClient, startTestCoordinator, testStrategy, type TestCoordinator } from '../coordinator/support/coordinator-fixture.ts';
import { createTestPki } from '../coordinator/support/test-pki.ts';
import { fixedDeltaTrainer } from '../coordinator/support/test-trainers.ts';
import { secaggTransforms } from './support/secagg-parties.ts';

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

/** Wraps an aggregator to keep what the coordinator was handed at upload. */
function spying(inner: Aggregator, seen: UpdateEnvelope[]): Aggregator {
  return { ...inner, validate: (u, g) => (inner.validate(u, g), void seen.push(u)), aggregate: (input) => inner.aggregate(input) };
}

describe('secure aggregation over the real round protocol (mTLS on 127.0.0.1)', () => {
  it('aggregates three masked updates to exactly the plain FedAvg result, while the coordinator sees only masked vectors', async () => {
    const pki = createTestPki();
    const t: TestDatabase = await freshDatabase('postgres');
    const global: Weights = { w: Float32Array.of(1, -1, 0.5, 2), b: Float32Array.of(0) };
    const deltas: Record<string, { delta: Weights; n: number }> = {
      eu: { delta: { w: Float32Array.of(0.5, 0.25, -1, 4), b: Float32Array.of(1) }, n: 1 },
      me: { delta: { w: Float32Array.of(-0.5, 2, 0.125, -4), b: Float32Array.of(-3) }, n: 1 },
      sea: { delta: { w: Float32Array.of(1.5, -0.75, 0, 1), b: Float32Array.of(0.5) }, n: 2 },
    };
    const seen: UpdateEnvelope[] = [];
    const c: TestCoordinator = await startTestCoordinator({
      db: t.db,
      pki,
      initialWeights: global,
      settings: { rounds: 1, minParticipants: 3, stragglerTimeoutMs: 20_000 },
      aggregator: (strategy) => spying(createSecureAggregator(strategy, { weighting: 'examples' }), seen),
    });
    cleanup.push(() => t.close(), () => c.running.close());
    const transforms = secaggTransforms(pki, { weighting: 'examples', keyWaitMs: 10_000, unmaskWaitMs: 20_000 });
    await Promise.all(
      Object.entries(deltas).map(async ([region, { delta, n }]) => {
        const { client, close } = regionClient(pki, pki.regions[region]!, c.running.url);
        await runRoundsAsParticipant({ federation: 'intent', region, client, trainer: fixedDeltaTrainer(region, delta, n), transforms: [transforms[region]!], pollWaitMs: 5_000 });
        await close();
      }),
    );
    const aggregated = await c.event('round_aggregated');

    const plain = testStrategy(1).aggregate(1, global, Object.entries(deltas).map(([region, { delta, n }]) => ({ region, numExamples: n, delta })), []);
    expect(plain).toEqual({ w: Float32Array.of(1.75, -0.8125, 0.28125, 2.5), b: Float32Array.of(-0.25) });
    expect(await c.registry.get(aggregated.modelOut)).toEqual(plain);

    // What reached the coordinator: masked ring vectors, none of which is its region's plain encoding.
    const codec = createFixedPointCodec({ clip: 16 });
    expect(seen.map((u) => [u.region, u.encoding]).sort()).toEqual([
      ['eu', SECAGG_ENCODING],
      ['me', SECAGG_ENCODING],
      ['sea', SECAGG_ENCODING],
    ]);
    for (const u of seen) {
      const plainWords = new Uint32Array(4);
      codec.encode(deltas[u.region]!.delta.w!, deltas[u.region]!.n, 4, plainWords, 0);
      const words = new Uint32Array(u.tensors.w!.slice().buffer);
      expect(Array.from(words)).not.toEqual(Array.from(plainWords));
      expect(secaggAnnotations.read(u)).toMatchObject({ parties: ['eu', 'me', 'sea'], weighting: 'examples', weight: deltas[u.region]!.n, totalWeight: 4 });
    }
    const [leaf] = await c.roundLeaves();
    expect(leaf!.meta).toMatchObject({ aggregator: 'secagg:fedavg', participants: 'eu,me,sea' });
  });
});

describe('tampering: what the secure aggregator refuses at upload', () => {
  it('refuses malformed, short, oversized and mislabelled masked updates with a typed 400', async () => {
    const pki = createTestPki();
    const t = await freshDatabase('postgres');
    const global: Weights = { w: Float32Array.of(1, 2, 3), b: Float32Array.of(0) };
    const c = await startTestCoordinator({
      db: t.db,
      pki,
      initialWeights: global,
      settings: { rounds: 1, minParticipants: 3, stragglerTimeoutMs: 50_000 },
      aggregator: (strategy) => createSecureAggregator(strategy, { weighting: 'examples' }),
    });
    cleanup.push(() => t.close(), () => c.running.close());
    const clients = Object.fromEntries(
      Object.values(pki.regions).map((id) => {
        const agent = createMtlsAgent({ ca: pki.ca.certPem, key: id.key, cert: id.cert, expectServer: { roles: ['coordinator'] } });
        cleanup.push(() => agent.close());
        return [id.region, createCoordinatorClient({ url: c.running.url, agent, region: id.region })];
      }),
    );
    for (const client of Object.values(clients)) await client.round.poll.query({ federation: 'intent' });
    await c.event('round_opened');

    const fractionBits = createFixedPointCodec({ clip: 16 }).fractionBits;
    const masked = (tensors: Record<string, Uint8Array>, annotations: Record<string, string | number | boolean> = {}): WireUpdate =>
      toWireUpdate({
        federation: 'intent',
        round: 1,
        region: 'sea',
        numExamples: 10,
        encoding: SECAGG_ENCODING,
        tensors,
        metrics: {},
        annotations: { ...secaggAnnotations.write({ parties: ['eu', 'me', 'sea'], weighting: 'examples', weight: 10, totalWeight: 30, fractionBits, clamped: 0 }), ...annotations },
      });
    const good = { w: new Uint8Array(randomBytes(12)), b: new Uint8Array(randomBytes(4)) };
    const sea = clients.sea!;
    const refused = (reason: string, extra: Record<string, unknown> = {}) => ({ data: { httpStatus: 400, meridianCode: 'BAD_INPUT', evidence: { reason, ...extra } } });

    await expect(sea.round.submit.mutate(masked({ ...good, w: good.w.slice(0, 8) }))).rejects.toMatchObject(refused('tensor_shape', { tensor: 'w', expectedBytes: 12, foundBytes: 8 }));
    await expect(sea.round.submit.mutate(masked({ ...good, w: new Uint8Array(16) }))).rejects.toMatchObject(refused('tensor_shape', { tensor: 'w', expectedBytes: 12, foundBytes: 16 }));
    await expect(sea.round.submit.mutate(masked({ w: good.w }))).rejects.toMatchObject(refused('tensor_shape', { tensor: 'b' }));
    await expect(sea.round.submit.mutate(masked({ ...good, extra: new Uint8Array(4) }))).rejects.toMatchObject(refused('unknown_tensor'));
    await expect(sea.round.submit.mutate({ ...masked(good), tensors: { ...masked(good).tensors, w: 'AAAAAAA' } })).rejects.toMatchObject({ data: { httpStatus: 400 } });
    // A plain float32 update (masking switched off on the client) is refused too.
    await expect(sea.round.submit.mutate(toWireUpdate(envelopeOfFitResult({ region: 'sea', numExamples: 10, delta: { w: Float32Array.of(1, 2, 3), b: Float32Array.of(0) } }, { federation: 'intent', round: 1 })))).rejects.toMatchObject(
      refused('unknown_encoding'),
    );
    await expect(sea.round.submit.mutate(masked(good, { secagg: 2 }))).rejects.toMatchObject(refused('bad_annotation', { field: 'secagg' }));
    await expect(sea.round.submit.mutate(masked(good, { secaggParties: 'eu,me' }))).rejects.toMatchObject(refused('bad_annotation', { field: 'secaggParties' }));
    await expect(sea.round.submit.mutate(masked(good, { secaggParties: 'sea,eu,me' }))).rejects.toMatchObject(refused('bad_annotation', { field: 'secaggParties' }));
    await expect(sea.round.submit.mutate(masked(good, { secaggWeight: 31 }))).rejects.toMatchObject(refused('bad_annotation', { field: 'secaggWeight' }));
    await expect(sea.round.submit.mutate(masked(good, { secaggWeight: 3 }))).rejects.toMatchObject(refused('weight_mismatch', { expected: 10, found: 3 }));
    await expect(sea.round.submit.mutate(masked(good, { secaggFractionBits: fractionBits + 1 }))).rejects.toMatchObject(refused('fraction_bits_mismatch'));
    await expect(sea.round.submit.mutate(masked(good, { secaggWeighting: 'uniform' }))).rejects.toMatchObject(refused('weighting_mismatch'));
    expect(c.running.coordinator.status().live?.submitted).toEqual([]);
    // The well-formed one is taken (its content cannot be checked: it is masked).
    expect(await sea.round.submit.mutate(masked(good))).toEqual({ duplicate: false });
  });
});
