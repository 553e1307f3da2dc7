import { createCipheriv, randomBytes } from 'node:crypto';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';

/** Uniform and Gaussian draws from one cryptographic stream. */
export interface SecureRandom {
  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number;
  /** Adds N(0, std²) independently to every entry of `out`, in place. */
  addGaussian(out: Float32Array, std: number): void;
}

const BLOCK = 1 << 16; // uint32 words fetched from the cipher at a time

/**
 * A ChaCha20 keystream (node:crypto, native) as the randomness of DP-SGD:
 * subject sampling and noise. The run's `seededRandom` (mulberry32, 32-bit
 * state) is fine for shuffling but not here: an adversary who can guess or
 * brute-force the seed can subtract the noise and learn which subjects were
 * sampled, and the guarantee is gone. Seeded from `randomBytes(32)` unless a
 * 32-byte seed is given (tests, reproducible benches).
 *
 * Gaussians come from Marsaglia's polar method on pairs of 32-bit uniforms
 * (tails to ~9.3σ). Floating-point sampling is not exactly Gaussian; the
 * known attacks on it (Mironov 2012; Jin et al. 2022) need many noisy releases
 * of the same value, not one noisy step of a whole model, and are not modelled here.
 *
 * @example
 * const rng = createSecureRandom();
 * const noise = new Float32Array(4); rng.addGaussian(noise, 1.5);
 */
export function createSecureRandom(seed?: Uint8Array): SecureRandom {
  if (seed !== undefined && seed.length !== 32) throw new MeridianError('BAD_INPUT', 'a secure random seed is 32 bytes', { length: seed.length });
  const key = seed ?? randomBytes(32);
  const cipher = createCipheriv('chacha20', key, Buffer.alloc(16));
  const zeros = Buffer.alloc(BLOCK * 4);
  let words = new Uint32Array(0);
  let at = 0;
  const next = (): number => {
    if (at >= words.length) {
      const bytes = cipher.update(zeros);
      words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >>> 2);
      at = 0;
    }
    return words[at++] as number;
  };
  return {
    uniform: () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992,
    addGaussian(out, std) {
      if (!(std >= 0)) throw new MeridianError('BAD_INPUT', 'noise standard deviation must be non-negative', { std });
      if (std === 0) return;
      const scale = 2 / 4294967296;
      for (let i = 0; i < out.length; ) {
        const u = next() * scale - 1;
        const v = next() * scale - 1;
        const s = u * u + v * v;
        if (s >= 1 || s === 0) continue;
        const f = std * Math.sqrt((-2 * Math.log(s)) / s);
        out[i] = (out[i] as number) + u * f;
        if (i + 1 < out.length) out[i + 1] = (out[i + 1] as number) + v * f;
        i += 2;
      }
    },
  };
}
