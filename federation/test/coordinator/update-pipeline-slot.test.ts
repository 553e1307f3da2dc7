import { createHash, randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { freshDatabase, type TestDatabase } from '../../../test/databases.ts';
import type { Weights } from '../../src/model/weights.ts';
import type { Aggregator } from '../../src/round/aggregator.ts';
import { float32TensorsOf } from '../../src/round/float32-tensors-of.ts';
import { runRoundsAsParticipant } from '../../src/round/participant/run-rounds-as-participant.ts';
import type { UpdateEnvelope } from '../../src/round/update-envelope.ts';
import type { UpdateTransform } from '../../src/round/update-transform.ts';
import type { Strategy } from '../../src/strategy/strategy.ts';
import { createTestPki } from './support/test-pki.ts';
import { regionClient, startTestCoordinator, testStrategy, type TestCoordinator } from './support/coordinator-fixture.ts';
import { fixedDeltaTrainer } from './support/test-trainers.ts';

/*
 * A TEST DOUBLE of secure aggregation, to show that masking slots into the
 * round protocol as a client transform + server aggregator pair, with its key
 * exchange over the round channel, without touching the protocol. It is not
 * secure (seeds travel through the coordinator in the clear, no dropout
 * recovery); the real one (issue 5) uses X25519 and Shamir shares instead.
 */
const SCALE = 2 ** 16;
const ENCODING = 'toy-masked-u32';

function maskStream(seed: Uint8Array, tensor: string, length: number): Uint32Array {
  const out = new Uint32Array(length);
  for (let block = 0; block * 8 < length; block++) {
    const words = new Uint32Array(createHash('sha256').update(seed).update(`${tensor}/${block}`).digest().buffer.slice(0, 32));
    for (let j = 0; j < 8 && block * 8 + j < length; j++) out[block * 8 + j] = words[j] as number;
  }
  return out;
}

function toyMask(): UpdateTransform {
  return {
    name: 'toy-pairwise-mask',
    async apply(update, ctx) {
      const peers = ctx.participants.filter((p) => p !== ctx.region);
      const seeds = new Map<string, Uint8Array>();
      for (const p of peers.filter((p) => ctx.region < p)) {
        const seed = new Uint8Array(randomBytes(32));
        seeds.set(p, seed);
        await ctx.channel.post('toy/seed', seed, p);
      }
      const lower = peers.filter((p) => p < ctx.region);
      for (let after = 0, tries = 0; [...seeds.keys()].filter((p) => lower.includes(p)).length < lower.length && tries < 50; tries++) {
        for (const m of await ctx.channel.read('toy/seed', { after, waitMs: 2_000 })) {
          after = m.seq;
          seeds.set(m.from, m.body);
        }
      }
      const delta = float32TensorsOf(update);
      const tensors: Record<string, Uint8Array> = {};
      for (const [name, d] of Object.entries(delta)) {
        const enc = Uint32Array.from(d, (x) => Math.round(x * update.numExamples * SCALE) >>> 0);
        for (const [peer, seed] of seeds) {
          const mask = maskStream(seed, name, enc.length);
          for (let i = 0; i < enc.length; i++) enc[i] = (ctx.region < peer ? (enc[i] as number) + (mask[i] as number) : (enc[i] as number) - (mask[i] as number)) >>> 0;
        }
        tensors[name] = new Uint8Array(enc.buffer);
      }
      return { ...update, encoding: ENCODING, tensors, annotations: { ...update.annotations, masked: true } };
    },
  };
}

function toyUnmaskingAggregator(strategy: Strategy, seen: UpdateEnvelope[]): Aggregator {
  return {
    name: `toy-unmask:${strategy.name}`,
    validate(update, global) {
      if (update.encoding !== ENCODING) throw new MeridianError('BAD_INPUT', 'masked updates only', { reason: 'unknown_encoding' });
      for (const [name, g] of Object.entries(global)) if (update.tensors[name]?.length !== g.length * 4) throw new MeridianError('BAD_INPUT', 'bad shape', { reason: 'tensor_shape' });
      seen.push(update);
    },
    async aggregate({ round, global, updates, failures }) {
      const total = updates.reduce((n, u) => n + u.numExamples, 0);
      const mean: Weights = {};
      for (const [name, g] of Object.entries(global)) {
        const sum = new Uint32Array(g.length);
        for (const u of updates) {
          const t = new Uint32Array(u.tensors[name]!.slice().buffer);
          for (let i = 0; i < sum.length; i++) sum[i] = ((sum[i] as number) + (t[i] as number)) >>> 0;
        }
        mean[name] = Float32Array.from(new Int32Array(sum.buffer), (x) => x / SCALE / total);
      }
      // The strategy sees one pre-averaged update: for FedAvg by examples that is the same average.
      return strategy.aggregate(round, global, [{ region: 'masked-sum', numExamples: total, delta: mean }], failures);
    },
  };
}

let t: TestDatabase | undefined;
let c: TestCoordinator | undefined;
afterAll(async () => {
  await c?.running.close();
  await t?.close();
});

describe('the update pipeline is where secure aggregation slots in', () => {
  it('runs a round with masked updates and a channel key exchange, reaching the plain FedAvg result exactly', async () => {
    const pki = createTestPki();
    t = await freshDatabase('postgres');
    const seen: UpdateEnvelope[] = [];
    const global: Weights = { w: Float32Array.of(1, -1, 0.5, 2), b: Float32Array.of(0) };
    const deltas: Record<string, { delta: Weights; n: number }> = {
      eu: { delta: { w: Float32Array.of(0.5, 0.25, -1, 4), b: Float32Array.of(1) }, n: 1 },
      me: { delta: { w: Float32Array.of(-0.5, 2, 0.125, -4), b: Float32Array.of(-3) }, n: 1 },
      sea: { delta: { w: Float32Array.of(1.5, -0.75, 0, 1), b: Float32Array.of(0.5) }, n: 2 },
    };
    c = await startTestCoordinator({
      db: t.db,
      pki,
      initialWeights: global,
      settings: { rounds: 1, minParticipants: 3, stragglerTimeoutMs: 20_000 },
      aggregator: (strategy) => toyUnmaskingAggregator(strategy, seen),
    });
    await Promise.all(
      Object.entries(deltas).map(async ([region, { delta, n }]) => {
        const { client, close } = regionClient(pki, pki.regions[region]!, c!.running.url);
        await runRoundsAsParticipant({ federation: 'intent', region, client, trainer: fixedDeltaTrainer(region, delta, n), transforms: [toyMask()], pollWaitMs: 5_000 });
        await close();
      }),
    );
    const aggregated = await c.event('round_aggregated');

    // Plain FedAvg over the same updates, with no masking anywhere.
    const plain = testStrategy(1).aggregate(1, global, Object.entries(deltas).map(([region, { delta, n }]) => ({ region, numExamples: n, delta })), []);
    expect(await c.registry.get(aggregated.modelOut)).toEqual(plain);
    // By hand (n = 1, 1, 2 of 4): w₁ = -1 + (0.25 + 2 - 2·0.75)/4 = -0.8125, b = (1 - 3 + 2·0.5)/4 = -0.25, ...
    expect(plain).toEqual({ w: Float32Array.of(1.75, -0.8125, 0.28125, 2.5), b: Float32Array.of(-0.25) });

    // What the coordinator received is masked: no single update decodes to its region's delta.
    expect(seen.map((u) => [u.region, u.encoding, u.annotations.masked])).toEqual(
      expect.arrayContaining([
        ['eu', ENCODING, true],
        ['me', ENCODING, true],
        ['sea', ENCODING, true],
      ]),
    );
    for (const u of seen) {
      const unmasked = Float32Array.from(new Int32Array(u.tensors.w!.slice().buffer), (x) => x / SCALE / u.numExamples);
      expect(Array.from(unmasked)).not.toEqual(Array.from(deltas[u.region]!.delta.w!));
      expect(Math.max(...Array.from(unmasked, Math.abs))).toBeGreaterThan(100);
    }
    // The round record names the aggregation step that produced the model.
    const [leaf] = await c.roundLeaves();
    expect(leaf!.meta).toMatchObject({ aggregator: 'toy-unmask:fedavg', participants: 'eu,me,sea' });
  });
});
