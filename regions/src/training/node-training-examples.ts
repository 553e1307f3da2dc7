import type { ModelSpec } from '@meridian/federation/model/model-spec.ts';
import { featurizeExamples } from '@meridian/federation/training/featurize-examples.ts';
import type { TrainingExample } from '@meridian/federation/training/training-example.ts';
import type { CorpusExample } from './consented-training-corpus.ts';

/**
 * A node's corpus as local training takes it: messages whose label the model
 * knows, tokenized, with the label as its class index (what the launcher's
 * trainer does, so a replay trains on exactly the same examples). Pure.
 *
 * @example
 * const examples = nodeTrainingExamples(await consentedTrainingCorpus(node, 'intent'), spec);
 */
export function nodeTrainingExamples(corpus: readonly CorpusExample[], spec: ModelSpec): TrainingExample[] {
  const known = corpus.filter((e) => spec.labels.includes(e.label));
  return featurizeExamples(known.map((e) => ({ text: e.text, label: spec.labels.indexOf(e.label), subjectId: e.subjectId })), spec.tokenizer);
}
