import type { TokenizerConfig } from '../tokenizer/tokenizer-config.ts';

/**
 * Everything needed to rebuild a fastText-style classifier besides its
 * numbers: task, label names (index = class id), embedding width and the
 * tokenizer. It travels inside serialized models, so the content hash covers it.
 *
 * Parameters (see `FASTTEXT_PARAMS`): `embedding` [buckets × dim],
 * `output/kernel` [dim × labels], `output/bias` [labels].
 */
export interface ModelSpec {
  /** Task name, e.g. `intent`, `sentiment`, `emotion`. */
  task: string;
  labels: readonly string[];
  dim: number;
  tokenizer: TokenizerConfig;
}
