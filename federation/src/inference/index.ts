/** Text classification with trained models, per task and for whole messages. */
export { CLASSIFY_CHUNK, createClassifier } from './create-classifier.ts';
export type { TextClassifier } from './create-classifier.ts';
export { createMessageClassifier } from './create-message-classifier.ts';
export type { MessageClassification, MessageClassifier } from './create-message-classifier.ts';
export type { Prediction } from './prediction.ts';
