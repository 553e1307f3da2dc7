import type { TaskName } from '../data/task-name.ts';
import { TASK_NAMES } from '../data/task-name.ts';
import type { TextClassifier } from './create-classifier.ts';
import type { Prediction } from './prediction.ts';

/** Intent, sentiment and emotion of one message. */
export type MessageClassification = Record<TaskName, Prediction>;

/** Classifies messages for every task at once. */
export interface MessageClassifier {
  classify(text: string): MessageClassification;
  classifyBatch(texts: readonly string[]): MessageClassification[];
}

/**
 * Combines the three task classifiers into the one call routing needs.
 *
 * @example
 * const mc = createMessageClassifier({ intent, sentiment, emotion });
 * mc.classify('Why was I charged twice?!'); // { intent: {...}, sentiment: {...}, emotion: {...} }
 */
export function createMessageClassifier(classifiers: Readonly<Record<TaskName, TextClassifier>>): MessageClassifier {
  const classifyBatch = (texts: readonly string[]): MessageClassification[] => {
    const perTask = TASK_NAMES.map((t) => classifiers[t].classifyBatch(texts));
    return texts.map((_, i) => Object.fromEntries(TASK_NAMES.map((t, k) => [t, perTask[k]?.[i] as Prediction])) as MessageClassification);
  };
  return { classify: (text) => classifyBatch([text])[0] as MessageClassification, classifyBatch };
}
