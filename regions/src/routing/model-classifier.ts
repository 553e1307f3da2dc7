import { decideRoute, DEFAULT_ROUTING_POLICY, type RoutingPolicy } from '@meridian/core/routing/decide-route.ts';
import type { MessageClassifier as ModelSet } from '@meridian/federation/inference/index.ts';
import type { MessageClassifier } from '../node/message-classifier.ts';

/**
 * The node's classifier: the current global intent, sentiment and emotion models,
 * then the routing rules of `core` on their predictions.
 *
 * @example
 * const node = await openRegionNode({ region: 'eu', classifier: modelClassifier(createMessageClassifier(models)) });
 */
export function modelClassifier(models: ModelSet, policy: RoutingPolicy = DEFAULT_ROUTING_POLICY): MessageClassifier {
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
        return { intent: m.intent.label, sentiment: m.sentiment.label, emotion: m.emotion.label, confidence: m.intent.confidence, route, reason };
      });
    },
  };
}
