import type { ModelSpec } from '../../../src/model/model-spec.ts';
import { referenceEngine } from '../../../src/model/reference/reference-engine.ts';
import type { LocalTrainer } from '../../../src/round/local-trainer.ts';
import { createFedAvg } from '../../../src/strategy/fed-avg/fed-avg.ts';
import type { Strategy } from '../../../src/strategy/strategy.ts';
import { DEFAULT_TOKENIZER_CONFIG } from '../../../src/tokenizer/tokenizer-config.ts';
import { featurizeExamples } from '../../../src/training/featurize-examples.ts';
import { trainLocal } from '../../../src/training/train-local.ts';
import type { TrainingExample } from '../../../src/training/training-example.ts';

/** A small model: three intents, 2^10 buckets × 8 dims (a few ms per local epoch). */
export const TINY_SPEC: ModelSpec = { task: 'intent', labels: ['card_arrival', 'refund', 'other'], dim: 8, tokenizer: { ...DEFAULT_TOKENIZER_CONFIG, buckets: 1 << 10 } };

const PHRASES = [
  ['my card has not arrived yet', 'where is my new card', 'the card was never delivered'],
  ['I want my money back', 'please refund the double charge', 'refund for the cancelled order'],
  ['what are your opening hours', 'hello, just a question', 'can I change my address'],
];

/** `subjects` subjects of a region, each with three labelled messages that carry a word of their own. */
export function tinyCorpus(region: string, subjects: number): TrainingExample[] {
  const items = Array.from({ length: subjects }, (_, s) =>
    [0, 1, 2].map((k) => {
      const label = (s + k) % 3;
      return { text: `${PHRASES[label]![(s * 7 + k) % 3]} ${region}word${s}`, label, subjectId: `${region}-s${s}` };
    }),
  ).flat();
  return featurizeExamples(items, TINY_SPEC.tokenizer);
}

/** FedAvg as the launcher runs it (uniform weights, server lr 1.5), over `rounds`. */
export function launcherStrategy(rounds: number): Strategy {
  return createFedAvg({ schedule: { rounds, localEpochs: 1, learningRate: 0.03, learningRateEnd: 0.03, batchSize: 8 }, weighting: 'uniform', serverLearningRate: 1.5 });
}

/** Local training as the launcher runs it (seed 0), on the reference engine, over what `examples` returns for the round. */
export function tinyTrainer(region: string, examples: (round: number) => readonly TrainingExample[]): LocalTrainer {
  return (global, config) => trainLocal(global, examples(config.round), config, { spec: TINY_SPEC, region, engine: referenceEngine });
}
