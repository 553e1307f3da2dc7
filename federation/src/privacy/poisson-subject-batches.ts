import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { BatchPlanner } from '../training/batch-planner.ts';

/** How subject-level DP-SGD draws its batches. */
export interface PoissonSubjectBatchesOptions {
  /** q: each subject's probability of being in a given step. */
  sampleRate: number;
  /** k: at most this many of a subject's messages (a random subset, fixed for the epoch) come with it. */
  maxExamplesPerSubject: number;
  /** Source of the sampling randomness (default: the training run's PRNG). DP needs it secret: pass a `SecureRandom`'s `uniform`. */
  uniform?: () => number;
}

/**
 * Steps per epoch under Poisson sampling at rate q: round(1/q), so an epoch
 * sees each subject once in expectation.
 *
 * @example
 * poissonStepsPerEpoch(0.05); // 20
 */
export function poissonStepsPerEpoch(sampleRate: number): number {
  return Math.max(1, Math.round(1 / sampleRate));
}

/**
 * A `BatchPlanner` for subject-level DP-SGD: `poissonStepsPerEpoch(q)` batches,
 * in each of which every subject takes part independently with probability q
 * and brings at most k of its messages. This is the sampling the RDP
 * accountant's subsampled-Gaussian bound assumes. `subjectBatches(k)` bounds
 * contributions the same way but cuts a shuffled partition, for which that
 * bound is not proven (TF Privacy reports such runs "assuming Poisson
 * sampling"), so DP training uses this planner. Batches may be empty, and
 * then the step releases pure noise. The FitConfig's `batchSize` is ignored:
 * q sets the batch size (q·N subjects in expectation).
 *
 * @example
 * const planner = poissonSubjectBatches({ sampleRate: 0.05, maxExamplesPerSubject: 4, uniform: rng.uniform });
 */
export function poissonSubjectBatches(options: PoissonSubjectBatchesOptions): BatchPlanner {
  const { sampleRate, maxExamplesPerSubject } = options;
  if (!(sampleRate > 0 && sampleRate <= 1) || !(Number.isInteger(maxExamplesPerSubject) && maxExamplesPerSubject >= 1)) {
    throw new MeridianError('BAD_INPUT', 'Poisson subject sampling needs 0 < q ≤ 1 and an integer k ≥ 1', { sampleRate, maxExamplesPerSubject });
  }
  return (examples, _batchSize, random) => {
    const uniform = options.uniform ?? random;
    const bySubject = new Map<string, number[]>();
    examples.forEach((e, i) => {
      const list = bySubject.get(e.subjectId);
      if (list) list.push(i);
      else bySubject.set(e.subjectId, [i]);
    });
    const subjects = [...bySubject.keys()].sort();
    // Each subject's k messages for this epoch: a uniform random subset (partial Fisher–Yates).
    const chosen = subjects.map((s) => {
      const mine = [...(bySubject.get(s) as number[])];
      const k = Math.min(maxExamplesPerSubject, mine.length);
      for (let i = 0; i < k; i++) {
        const j = i + Math.floor(uniform() * (mine.length - i));
        const t = mine[i] as number;
        mine[i] = mine[j] as number;
        mine[j] = t;
      }
      return mine.slice(0, k);
    });
    const out: number[][] = [];
    for (let step = 0; step < poissonStepsPerEpoch(sampleRate); step++) {
      const batch: number[] = [];
      for (const mine of chosen) if (uniform() < sampleRate) batch.push(...mine);
      out.push(batch);
    }
    return out;
  };
}
