import { fnv1a32 } from '../tokenizer/fnv1a-32.ts';
import { seededRandom, shuffleInPlace } from '../model/seeded-random.ts';

/** Most messages one synthetic subject gets. */
export const MAX_MESSAGES_PER_SUBJECT = 8;

/**
 * Gives each of `count` messages a synthetic subject id, deterministically
 * from `prefix`: messages are visited in a seeded shuffled order and dealt to
 * subjects in runs of 1–8 (uniform, mean 4.5), like customers who write a few
 * times each. Returns one id per message, in input order.
 *
 * @example
 * assignSubjects(10, 'eu-intent-train'); // ['eu-intent-train-0', 'eu-intent-train-2', ...]
 */
export function assignSubjects(count: number, prefix: string): string[] {
  const random = seededRandom(fnv1a32(prefix));
  const order = shuffleInPlace(Array.from({ length: count }, (_, i) => i), random);
  const ids = new Array<string>(count);
  let subject = 0;
  let left = 0;
  for (const i of order) {
    if (left === 0) {
      left = 1 + Math.floor(random() * MAX_MESSAGES_PER_SUBJECT);
      subject++;
    }
    ids[i] = `${prefix}-${subject - 1}`;
    left--;
  }
  return ids;
}
