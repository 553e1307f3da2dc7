import { decideRoute, DEFAULT_ROUTING_POLICY, type RoutingPolicy } from '@meridian/core/routing/decide-route.ts';
import type { MessageClassifier as ModelSet } from '@meridian/federation/inference/index.ts';
import type { Classification, MessageClassifier } from '../node/message-classifier.ts';

export interface ModelClassifierOptions {
  policy?: RoutingPolicy;
  /** Content hashes of the three models: stored with every message they classify. */
  modelHashes?: NonNullable<Classification['models']>;
}

/**
 * The node's classifier: the intent, sentiment and emotion models the node
 * serves (see `loadServedModels`: the global model, or this region's adapted
 * version, per task), then the routing rules of `core` on their predictions.
 *
 * @example
 * const node = await openRegionNode({ region: 'eu', classifier: modelClassifier(createMessageClassifier(models), { modelHashes }) });
 */
export function modelClassifier(models: ModelSet, options: ModelClassifierOptions = {}): MessageClassifier {
  const policy = options.policy ?? DEFAULT_ROUTING_POLICY;
  const hashes = options.modelHashes ? { ...options.modelHashes } : undefined;
  return {
    classify(texts, sensitive) {
      return models.classifyBatch(texts).map((m, i) => {
        const { route, reason } = decideRoute(
          {
            intent: m.intent.label,
            intentConfidence: m.intent.confidence,
            emotion: m.emotion.label,
            emotionConfidence: m.emotion.confidence,
            sentiment: m.sentiment.label,
            sensitive: sensitive[i],
          },
          policy,
        );
        return { intent: m.intent.label, sentiment: m.sentiment.label, emotion: m.emotion.label, confidence: m.intent.confidence, route, reason, ...(hashes ? { models: hashes } : {}) };
      });
    },
  };
}
