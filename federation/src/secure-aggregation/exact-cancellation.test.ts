import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFixedPointCodec } from './fixed-point-codec.ts';
import { maskVector } from './mask-vector.ts';
import { unmaskSum } from './unmask-sum.ts';
import { x25519 } from './x25519.ts';

const REGIONS = ['eu', 'me', 'sea'] as const;
const codec = createFixedPointCodec({ clip: 16 });

/** Naive reference: the sum of the parties' encodings computed with BigInt, no masks, no u32 tricks. */
function referenceSum(values: readonly Float32Array[], weights: readonly number[], totalWeight: number): Uint32Array {
  const scale = 2 ** (codec.fractionBits - Math.ceil(Math.log2(totalWeight)));
  const out = new Uint32Array(values[0]!.length);
  for (let i = 0; i < out.length; i++) {
    let acc = 0n;
    values.forEach((v, p) => (acc += BigInt(Math.round(Math.max(-16, Math.min(16, v[i]!)) * weights[p]! * scale))));
    out[i] = Number(BigInt.asUintN(32, acc));
  }
  return out;
}

const party = fc.record({
  values: fc.array(fc.float({ min: -20, max: 20, noNaN: true }), { minLength: 1, maxLength: 48 }),
  weight: fc.integer({ min: 0, max: 100_000 }),
});

describe('exact cancellation of the pairwise and self masks', () => {
  it('unmasks the sum of three regions to exactly the sum of their encodings, bit for bit after decoding', async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(party, party, party), fc.integer({ min: 1, max: 50 }), fc.option(fc.constantFrom(0, 1, 2), { nil: undefined }), async (parties, round, droppedIndex) => {
        const length = Math.min(...parties.map((p) => p.values.length));
        const updates = parties.map((p) => Float32Array.from(p.values.slice(0, length)));
        const weights = parties.map((p) => p.weight);
        if (!weights.some((w) => w > 0)) weights[0] = 1;
        const total = weights.reduce((a, b) => a + b, 0);
        const masks = REGIONS.map(() => x25519.generate());
        const selfSeeds = REGIONS.map((_, i) => new Uint8Array(32).fill((i + round) & 0xff));
        const masked = REGIONS.map((region, i) => {
          const encoded = new Uint32Array(length);
          codec.encode(updates[i]!, weights[i]!, total, encoded, 0);
          const pairs = REGIONS.flatMap((peer, j) => (j === i ? [] : [{ peer, secret: x25519.agree(masks[i]!.privateKey, masks[j]!.publicKey) }]));
          return maskVector({ federation: 'intent', round, region, encoded, selfSeed: selfSeeds[i]!, pairs });
        });
        // Optionally one region drops after masking: the coordinator recomputes its pairwise masks from its reconstructed key.
        const survivors = REGIONS.map((_, i) => i).filter((i) => i !== droppedIndex);
        const droppedPairs =
          droppedIndex === undefined
            ? []
            : survivors.map((s) => ({ survivor: REGIONS[s]!, dropped: REGIONS[droppedIndex]!, secret: x25519.agree(masks[droppedIndex]!.privateKey, masks[s]!.publicKey) }));
        const sum = unmaskSum({
          federation: 'intent',
          round,
          masked: survivors.map((s) => masked[s]!),
          selfSeeds: survivors.map((s) => ({ region: REGIONS[s]!, seed: selfSeeds[s]! })),
          droppedPairs,
        });
        const reference = referenceSum(survivors.map((s) => updates[s]!), survivors.map((s) => weights[s]!), total);
        expect(Array.from(sum)).toEqual(Array.from(reference));
        const survivorWeight = survivors.reduce((n, s) => n + weights[s]!, 0);
        if (survivorWeight === 0) return;
        const decoded = codec.decode(sum, total, survivorWeight);
        expect(new Uint8Array(decoded.buffer)).toEqual(new Uint8Array(codec.decode(reference, total, survivorWeight).buffer));
        // And the decoded mean is the float weighted mean up to the fixed-point resolution: n/2 units of 2^(k−f), over the survivors' weight.
        const bound = (survivors.length / 2) * 2 ** (Math.ceil(Math.log2(total)) - codec.fractionBits) / survivorWeight + 2 ** -23 * 16;
        for (let i = 0; i < length; i++) {
          const exact = survivors.reduce((a, s) => a + Math.max(-16, Math.min(16, updates[s]![i]!)) * weights[s]!, 0) / survivorWeight;
          expect(Math.abs(decoded[i]! - exact)).toBeLessThanOrEqual(bound);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('decodes dyadic updates to exactly the plain weighted mean', () => {
    const eu = Float32Array.of(0.5, 0.25, 1, -2);
    const sea = Float32Array.of(-1.5, 0.25, 0, 2);
    const sum = new Uint32Array(4);
    const a = new Uint32Array(4);
    const b = new Uint32Array(4);
    codec.encode(eu, 30, 40, a, 0);
    codec.encode(sea, 10, 40, b, 0);
    for (let i = 0; i < 4; i++) sum[i] = (a[i]! + b[i]!) >>> 0;
    // 0.75·eu + 0.25·sea
    expect(codec.decode(sum, 40, 40)).toEqual(Float32Array.of(0, 0.25, 0.75, -1));
  });

  it('never wraps around: every party at ±clip with all the weight still decodes', () => {
    for (const sign of [1, -1]) {
      const n = 5;
      const sum = new Uint32Array(1);
      for (let p = 0; p < n; p++) {
        const e = new Uint32Array(1);
        codec.encode(Float32Array.of(sign * 1e9), 100_000, n * 100_000, e, 0);
        sum[0] = (sum[0]! + e[0]!) >>> 0;
      }
      expect(codec.decode(sum, n * 100_000, n * 100_000)[0]).toBe(sign * 16);
    }
  });
});
