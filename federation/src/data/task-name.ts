import { EMOTION_LABELS } from './emotion-labels.ts';
import { INTENT_LABELS } from './intent-labels.ts';
import { SENTIMENT_LABELS } from './sentiment-labels.ts';

/** The three customer-service models Meridian trains. */
export type TaskName = 'intent' | 'sentiment' | 'emotion';

/** Every task, in a fixed order. */
export const TASK_NAMES: readonly TaskName[] = Object.freeze(['intent', 'sentiment', 'emotion']);

/** Class labels of each task; a label's index is its class id. */
export const TASK_LABELS: Readonly<Record<TaskName, readonly string[]>> = Object.freeze({
  intent: INTENT_LABELS,
  sentiment: SENTIMENT_LABELS,
  emotion: EMOTION_LABELS,
});
