import { MeridianError } from '@meridian/core/errors/meridian-error.ts';

/**
 * Largest total weight (Σ of the parties' integer weights) the codec accepts:
 * a float32 value (24-bit significand) times a weight of at most 29 bits is
 * exact in a float64 (53 bits), so encoding rounds exactly once.
 */
const MAX_TOTAL_WEIGHT = 2 ** 29;

/**
 * Fixed-point encoding of float32 update values into Z_2^32, so that masked
 * values add up modulo 2^32 and the masks cancel exactly.
 *
 * A party with integer weight w (1 for uniform weighting, its example count
 * for weighting by examples) out of a round total W encodes each value x as
 *
 *     e = round(clamp(x, ±clip) · w · 2^(f − k)) mod 2^32,   k = ⌈log₂ W⌉
 *
 * with f = `fractionBits`. Dividing by the power of two 2^k ≥ W instead of W
 * keeps every step exact for dyadic inputs (at most one bit of resolution is
 * lost), and bounds the sum of any subset of the parties:
 *
 *     |Σ e| ≤ clip · 2^f · Σw / 2^k + n/2 ≤ clip · 2^f + n/2 < 2^31
 *
 * because f = 30 − ⌈log₂ clip⌉ (one spare bit of headroom covers the n/2
 * rounding term for any n < 2^30). So the sum decodes as a signed 32-bit
 * integer without overflow, whatever the number of parties or weights.
 * Decoding divides by 2^(f−k) and by the contributors' total weight: the
 * result is the weighted mean, with an absolute error of at most
 * n · 2^(k−f−1) / W_contributors (≈ n · 2^(−f−1) when the contributors hold
 * most of the weight).
 */
export interface FixedPointCodec {
  readonly clip: number;
  readonly fractionBits: number;
  /**
   * Encodes `values` into `out` starting at `offset`; returns how many values
   * were clamped to ±clip (a count, safe to report).
   */
  encode(values: Float32Array, weight: number, totalWeight: number, out: Uint32Array, offset: number): number;
  /** The weighted mean from a sum of encodings over contributors holding `contributorsWeight` of the round's `totalWeight`. */
  decode(sum: Uint32Array, totalWeight: number, contributorsWeight: number): Float32Array;
}

/**
 * @example
 * const codec = createFixedPointCodec({ clip: 16 }); // fractionBits = 26
 * const out = new Uint32Array(2);
 * codec.encode(Float32Array.of(0.5, -1), 1, 3, out, 0);
 * codec.decode(out, 3, 1); // Float32Array [0.5, -1]
 */
export function createFixedPointCodec(options: { clip: number }): FixedPointCodec {
  const { clip } = options;
  if (!(clip > 0) || !Number.isFinite(clip) || clip > 2 ** 24) throw new MeridianError('BAD_INPUT', 'clip must be a positive number up to 2^24', { reason: 'bad_clip', clip: String(clip) });
  const fractionBits = 30 - Math.ceil(Math.log2(clip));
  const scaleOf = (totalWeight: number) => {
    if (!Number.isSafeInteger(totalWeight) || totalWeight < 1 || totalWeight > MAX_TOTAL_WEIGHT) {
      throw new MeridianError('BAD_INPUT', 'total weight must be an integer in [1, 2^29]', { reason: 'bad_total_weight', totalWeight });
    }
    return 2 ** (fractionBits - Math.ceil(Math.log2(totalWeight)));
  };
  return {
    clip,
    fractionBits,
    encode(values, weight, totalWeight, out, offset) {
      if (!Number.isSafeInteger(weight) || weight < 0 || weight > totalWeight) throw new MeridianError('BAD_INPUT', 'weight must be an integer in [0, total weight]', { reason: 'bad_weight', weight, totalWeight });
      if (offset < 0 || offset + values.length > out.length) throw new MeridianError('INTERNAL', 'encoding past the end of the vector', { offset, length: values.length, capacity: out.length });
      const factor = weight * scaleOf(totalWeight);
      let clamped = 0;
      for (let i = 0; i < values.length; i++) {
        let x = values[i] as number;
        // NaN would encode as 0 silently; a non-finite delta is a training bug, not a value to mask.
        if (Number.isNaN(x)) throw new MeridianError('BAD_INPUT', 'update holds NaN', { reason: 'non_finite', index: i });
        if (x > clip) (x = clip), clamped++;
        else if (x < -clip) (x = -clip), clamped++;
        // x·factor is exact in float64 (24-bit significand × integer < 2^29 × power of two), so rounding happens once.
        out[offset + i] = Math.round(x * factor) >>> 0;
      }
      return clamped;
    },
    decode(sum, totalWeight, contributorsWeight) {
      if (!Number.isSafeInteger(contributorsWeight) || contributorsWeight < 1 || contributorsWeight > totalWeight) {
        throw new MeridianError('BAD_INPUT', 'contributors must hold a positive part of the total weight', { reason: 'bad_weight', contributorsWeight, totalWeight });
      }
      const unit = 1 / scaleOf(totalWeight);
      const signed = new Int32Array(sum.buffer, sum.byteOffset, sum.length);
      const out = new Float32Array(sum.length);
      for (let i = 0; i < out.length; i++) out[i] = ((signed[i] as number) * unit) / contributorsWeight;
      return out;
    },
  };
}
