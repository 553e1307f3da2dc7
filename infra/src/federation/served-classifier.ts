import type { FastTextEngine } from '@meridian/federation/model/index.ts';
import { createClassifier, createMessageClassifier } from '@meridian/federation/inference/index.ts';
import type { TaskName } from '@meridian/federation/data/index.ts';
import { modelClassifier } from '@meridian/regions/routing/model-classifier.ts';
import type { MessageClassifier } from '@meridian/regions/node/message-classifier.ts';
import type { ServedModel } from './load-served-models.ts';

/**
 * A region node's classifier over the models it serves; every message it
 * classifies is stored with those models' content hashes.
 *
 * @example
 * const classifier = servedClassifier(await loadServedModels({ coordinatorDb, region: 'eu', regionDb }), engine);
 */
export function servedClassifier(served: Record<TaskName, ServedModel>, engine: FastTextEngine): MessageClassifier {
  return modelClassifier(
    createMessageClassifier({
      intent: createClassifier(served.intent.model, engine),
      sentiment: createClassifier(served.sentiment.model, engine),
      emotion: createClassifier(served.emotion.model, engine),
    }),
    { modelHashes: { intent: served.intent.hash, sentiment: served.sentiment.hash, emotion: served.emotion.hash } },
  );
}
