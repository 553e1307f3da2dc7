import type { TokenizerConfig } from '../tokenizer/tokenizer-config.ts';
import { hashFeatures } from '../tokenizer/hash-features.ts';
import type { TrainingExample } from './training-example.ts';

/**
 * Tokenizes labelled messages once, for many epochs and rounds. Only the
 * feature ids, label and subject id are kept: the text itself is not carried
 * into training state.
 *
 * @example
 * const train = featurizeExamples(loadRegionData('intent').regions.eu.train, spec.tokenizer);
 */
export function featurizeExamples(items: readonly { text: string; label: number; subjectId: string }[], tokenizer: TokenizerConfig): TrainingExample[] {
  return items.map((x) => ({ features: hashFeatures(x.text, tokenizer), label: x.label, subjectId: x.subjectId }));
}
