import { hash128 } from './seeded-random.ts';

/**
 * Wisesight Sentiment has no official split (data/README.md: "derive a
 * deterministic one"): a message is `test` when the hash of its text falls
 * in the first tenth, else `train`. Hashing the text keeps duplicates, which
 * the corpus has across its files, on one side.
 *
 * @example
 * wisesightSplitOf('เท่าไหร่'); // 'train' | 'test', always the same
 */
export function wisesightSplitOf(text: string): 'train' | 'test' {
  return hash128(text.trim())[1] % 10 === 0 ? 'test' : 'train';
}
