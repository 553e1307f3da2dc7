import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { ModelSpec } from '../model/model-spec.ts';
import type { GradientTransform } from '../training/gradient-transform.ts';
import { clipSparseGradient } from './clip-sparse-gradient.ts';
import type { SecureRandom } from './secure-random.ts';

/** Settings of subject-level DP-SGD's per-step mechanism. */
export interface SubjectDpSgdOptions {
  spec: ModelSpec;
  /** C: the L2 bound on one subject's summed gradient in one step. */
  clipNorm: number;
  /** σ: the noise standard deviation is σ·C on every coordinate. 0 = clipping only (ε = ∞). */
  noiseMultiplier: number;
  /** q·N: expected sampled subjects per step; the noisy sum is divided by it (not by the realised count, which is private). */
  expectedSubjects: number;
  random: SecureRandom;
  /** Per-step diagnostics for tests: the pre-clip norms. They are private; never put them in an update. */
  onStep?: (stats: { norms: readonly number[]; clipped: number }) => void;
}

/**
 * Subject-level DP-SGD as a `GradientTransform` (Abadi et al. 2016 with the
 * subject as the privacy unit, McMahan et al. 2018's user-level variant):
 * given the step's per-subject contributions (each already the SUM over that
 * subject's messages in the batch), clip each to norm C over all tensors, sum,
 * add N(0, σ²C²) to EVERY coordinate of every tensor, and divide by the
 * expected batch size in subjects.
 *
 * The noise is dense: all `buckets` embedding rows, not only those the batch
 * touched — noising only touched rows would publish which n-grams (so which
 * words) the sampled subjects used. The returned gradient therefore covers
 * every row, and the trainer's lazy Adam updates the whole table each step.
 * `trainLocal` applies this transform's output with `adam.step` right after
 * `combine`, so noise is added before the optimiser; Adam's moments are
 * post-processing of noisy gradients and cost no privacy.
 *
 * The embedding buffer is reused between steps (16 MB at 2¹⁶ × 64): the
 * returned gradient is valid until the next `combine`.
 *
 * @example
 * const transform = subjectDpSgd({ spec, clipNorm: 1, noiseMultiplier: 1.1, expectedSubjects: 64, random: createSecureRandom() });
 * await trainLocal(global, examples, config, { spec, region: 'eu', engine, planner: poissonSubjectBatches({ sampleRate: 0.05, maxExamplesPerSubject: 4 }), transform });
 */
export function subjectDpSgd(options: SubjectDpSgdOptions): GradientTransform {
  const { spec, clipNorm, noiseMultiplier, expectedSubjects, random } = options;
  if (!(clipNorm > 0) || !(noiseMultiplier >= 0) || !(expectedSubjects > 0)) {
    throw new MeridianError('BAD_INPUT', 'subject DP-SGD needs C > 0, σ ≥ 0 and a positive expected batch', { clipNorm, noiseMultiplier, expectedSubjects });
  }
  const D = spec.dim;
  const classes = spec.labels.length;
  const rows = Int32Array.from({ length: spec.tokenizer.buckets }, (_, r) => r);
  const embedding = new Float32Array(spec.tokenizer.buckets * D);
  const std = noiseMultiplier * clipNorm;
  const inv = 1 / expectedSubjects;
  return {
    name: 'subject-dp-sgd',
    combine(contributions) {
      embedding.fill(0);
      const kernel = new Float32Array(D * classes);
      const bias = new Float32Array(classes);
      const norms: number[] = [];
      let clipped = 0;
      for (const c of contributions) {
        const { gradient: g, norm, factor } = clipSparseGradient(c.gradient, clipNorm, D);
        norms.push(norm);
        if (factor !== 1) clipped++;
        for (let k = 0; k < g.rows.length; k++) {
          const dst = (g.rows[k] as number) * D;
          const src = k * D;
          for (let d = 0; d < D; d++) embedding[dst + d] = (embedding[dst + d] as number) + (g.embedding[src + d] as number);
        }
        for (let i = 0; i < kernel.length; i++) kernel[i] = (kernel[i] as number) + (g.kernel[i] as number);
        for (let i = 0; i < bias.length; i++) bias[i] = (bias[i] as number) + (g.bias[i] as number);
      }
      options.onStep?.({ norms, clipped });
      for (const t of [embedding, kernel, bias]) {
        random.addGaussian(t, std);
        for (let i = 0; i < t.length; i++) t[i] = (t[i] as number) * inv;
      }
      return { rows, embedding, kernel, bias };
    },
  };
}
