import { describe, expect, it } from 'vitest';
import { createFixedPointCodec } from '../../src/secure-aggregation/fixed-point-codec.ts';
import { SECAGG_ENCODING } from '../../src/secure-aggregation/secagg-encoding.ts';
import { tensorLayout } from '../../src/secure-aggregation/tensor-layout.ts';
import type { Weights } from '../../src/model/weights.ts';
import { createTestPki } from '../coordinator/support/test-pki.ts';
import { memoryRoundChannel } from './support/memory-round-channel.ts';
import { maskInProcess, secaggTransforms } from './support/secagg-parties.ts';

/** Pearson's χ² of the byte at `shift` of each u32 word against the uniform distribution over 256 values. */
function chiSquare(words: Uint32Array, shift: number): number {
  const counts = new Float64Array(256);
  for (const w of words) counts[(w >>> shift) & 0xff]! += 1;
  const expected = words.length / 256;
  return counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
}
/** χ² with 255 degrees of freedom at the 1 − 10⁻⁶ quantile (Wilson–Hilferty: 255·(1 − 2/2295 + 4.753·√(2/2295))³ ≈ 377.2): a uniform sample exceeds it once in a million, so the test does not flake. */
const CRITICAL = 377;

/** A realistic update: mostly zeros (untouched embedding rows), small Gaussian-ish moves elsewhere. Deterministic. */
function realisticDelta(length: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  return Float32Array.from({ length }, () => (rand() < 0.7 ? 0 : (rand() + rand() + rand() - 1.5) * 0.02));
}

describe('hiding: a single masked update looks uniform', () => {
  it('passes a χ² uniformity test on every byte lane, while the same update unmasked is rejected', async () => {
    const pki = createTestPki();
    const n = 1 << 16;
    const deltas: Record<string, { delta: Weights; numExamples: number }> = Object.fromEntries(
      ['eu', 'me', 'sea'].map((r, i) => [r, { delta: { w: realisticDelta(n - 256, i + 1), b: realisticDelta(256, i + 11) }, numExamples: 100 + i }]),
    );
    const masked = await maskInProcess(secaggTransforms(pki), deltas, memoryRoundChannel(['eu', 'me', 'sea']));
    const eu = masked.find((u) => u.region === 'eu')!;
    expect(eu.encoding).toBe(SECAGG_ENCODING);
    const layout = tensorLayout({ w: n - 256, b: 256 });
    const words = new Uint32Array(n);
    for (const name of layout.names) new Uint8Array(words.buffer).set(eu.tensors[name]!, layout.offsets[name]! * 4);

    // The same update, encoded exactly as the transform does but with masking switched off.
    const codec = createFixedPointCodec({ clip: 16 });
    const plain = new Uint32Array(n);
    for (const name of layout.names) codec.encode(deltas.eu!.delta[name]!, 1, 3, plain, layout.offsets[name]!);

    for (const shift of [0, 8, 16, 24]) {
      expect(chiSquare(words, shift), `masked, byte lane ${shift / 8}`).toBeLessThan(CRITICAL);
      expect(chiSquare(plain, shift), `unmasked, byte lane ${shift / 8}`).toBeGreaterThan(CRITICAL);
    }
  });
});
