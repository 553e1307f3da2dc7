import { shuffleInPlace } from '../model/seeded-random.ts';
import type { TrainingExample } from './training-example.ts';

/**
 * Splits one epoch into minibatches (arrays of example indices). Local
 * training takes the planner as a parameter: plain training shuffles
 * messages; subject-level DP samples subjects and bounds how many messages each
 * brings (its own planner, e.g. Poisson sampling of subjects).
 */
export type BatchPlanner = (examples: readonly TrainingExample[], batchSize: number, random: () => number) => number[][];

/**
 * Shuffled messages, cut into batches of `batchSize` (the last may be short).
 *
 * @example
 * const batches = shuffledExampleBatches(examples, 64, seededRandom(1));
 */
export const shuffledExampleBatches: BatchPlanner = (examples, batchSize, random) => {
  const idx = shuffleInPlace(Array.from(examples.keys()), random);
  const out: number[][] = [];
  for (let s = 0; s < idx.length; s += batchSize) out.push(idx.slice(s, s + batchSize));
  return out;
};

/**
 * Subject-grouped batches: subjects in shuffled order, each bringing at most
 * `maxExamplesPerSubject` of its messages (a random subset), whole subjects per
 * batch until it holds at least `batchSize` messages. This is the contribution
 * bound subject-level DP needs (k messages per subject per epoch).
 *
 * @example
 * const planner = subjectBatches(4);
 * await trainLocal(global, examples, config, { ...options, planner });
 */
export function subjectBatches(maxExamplesPerSubject: number): BatchPlanner {
  return (examples, batchSize, random) => {
    const bySubject = new Map<string, number[]>();
    examples.forEach((e, i) => {
      const list = bySubject.get(e.subjectId);
      if (list) list.push(i);
      else bySubject.set(e.subjectId, [i]);
    });
    const subjects = shuffleInPlace([...bySubject.keys()].sort(), random);
    const out: number[][] = [];
    let current: number[] = [];
    for (const s of subjects) {
      const mine = shuffleInPlace([...(bySubject.get(s) as number[])], random).slice(0, maxExamplesPerSubject);
      current.push(...mine);
      if (current.length >= batchSize) {
        out.push(current);
        current = [];
      }
    }
    if (current.length > 0) out.push(current);
    return out;
  };
}
