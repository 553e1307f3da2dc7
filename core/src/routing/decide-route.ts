/** Where a customer message goes. */
export type Route = 'bot' | 'person' | 'expert';

/** Why it goes there: stored with the decision so operators can see the mix. */
export type RouteReason = 'anger' | 'anxiety' | 'out_of_scope' | 'low_confidence' | 'expert_intent' | 'restricted_content' | 'in_scope';

export interface RoutingInput {
  intent: string;
  intentConfidence: number;
  emotion: string;
  emotionConfidence: number;
  sentiment: string;
  /** The message held special-category content; a machine should not answer it. */
  sensitive?: boolean;
}

export interface RoutingPolicy {
  /** Below this intent confidence the message is out of scope for the bot. */
  minIntentConfidence: number;
  /** From this emotion confidence on, anger or fear escalates to a person. */
  escalateEmotionConfidence: number;
  /** Intents that need a specialist team (fraud, disputes...), not the bot. */
  expertIntents: readonly string[];
  /** Emotion labels that escalate, mapped to the reason they carry. */
  escalatingEmotions: Readonly<Record<string, 'anger' | 'anxiety'>>;
}

export const DEFAULT_ROUTING_POLICY: RoutingPolicy = {
  minIntentConfidence: 0.5,
  // Lower than the intent bar on purpose: a missed angry customer costs more than an extra hand-off.
  escalateEmotionConfidence: 0.35,
  expertIntents: [
    'compromised_card',
    'lost_or_stolen_card',
    'lost_or_stolen_phone',
    'card_swallowed',
    'cash_withdrawal_not_recognised',
    'card_payment_not_recognised',
    'direct_debit_payment_not_recognised',
    'transaction_charged_twice',
    'request_refund',
    'verify_my_identity',
    'why_verify_identity',
  ],
  escalatingEmotions: { anger: 'anger', fear: 'anxiety' },
};

/**
 * Decides bot / person / expert for one classified message. Escalation comes
 * first: an angry or anxious customer gets a person whatever they ask; then a
 * message the models cannot place (low confidence) goes to a person; then
 * specialist intents go to experts; the rest the bot may answer (its replies
 * carry the AI label).
 *
 * @example
 * decideRoute({ intent: 'card_arrival', intentConfidence: 0.93, emotion: 'anger', emotionConfidence: 0.8, sentiment: 'negative' });
 * // { route: 'person', reason: 'anger' }
 */
export function decideRoute(input: RoutingInput, policy: RoutingPolicy = DEFAULT_ROUTING_POLICY): { route: Route; reason: RouteReason } {
  const escalation = policy.escalatingEmotions[input.emotion];
  if (escalation && input.emotionConfidence >= policy.escalateEmotionConfidence) return { route: 'person', reason: escalation };
  if (input.sensitive) return { route: 'person', reason: 'restricted_content' };
  if (input.intent === 'out_of_scope') return { route: 'person', reason: 'out_of_scope' };
  if (input.intentConfidence < policy.minIntentConfidence) return { route: 'person', reason: 'low_confidence' };
  if (policy.expertIntents.includes(input.intent)) return { route: 'expert', reason: 'expert_intent' };
  return { route: 'bot', reason: 'in_scope' };
}
