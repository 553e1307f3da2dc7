import { describe, it, expect } from 'vitest';
import { decideRoute } from './decide-route.ts';

const calm = { intent: 'card_arrival', intentConfidence: 0.9, emotion: 'neutral', emotionConfidence: 0.9, sentiment: 'neutral' };

describe('decideRoute', () => {
  it('sends an angry or anxious customer to a person, even with an in-scope intent', () => {
    expect(decideRoute({ ...calm, emotion: 'anger', emotionConfidence: 0.7 })).toEqual({ route: 'person', reason: 'anger' });
    expect(decideRoute({ ...calm, emotion: 'fear', emotionConfidence: 0.7 })).toEqual({ route: 'person', reason: 'anxiety' });
    expect(decideRoute({ ...calm, intent: 'lost_or_stolen_card', emotion: 'fear', emotionConfidence: 0.6 }).route).toBe('person');
  });
  it('keeps a weakly angry signal with the bot when everything else is in scope', () => {
    expect(decideRoute({ ...calm, emotion: 'anger', emotionConfidence: 0.2 })).toEqual({ route: 'bot', reason: 'in_scope' });
  });
  it('sends out-of-scope and low-confidence messages to a person', () => {
    expect(decideRoute({ ...calm, intent: 'out_of_scope' })).toEqual({ route: 'person', reason: 'out_of_scope' });
    expect(decideRoute({ ...calm, intentConfidence: 0.2 })).toEqual({ route: 'person', reason: 'low_confidence' });
  });
  it('sends specialist intents to experts and the rest to the bot', () => {
    expect(decideRoute({ ...calm, intent: 'compromised_card' })).toEqual({ route: 'expert', reason: 'expert_intent' });
    expect(decideRoute(calm)).toEqual({ route: 'bot', reason: 'in_scope' });
  });
  it('never lets the bot answer special-category content', () => {
    expect(decideRoute({ ...calm, sensitive: true })).toEqual({ route: 'person', reason: 'restricted_content' });
  });
});
