import { EMOTION_LABELS } from './emotion-labels.ts';

/**
 * How each source's emotion labels map onto `EMOTION_LABELS`
 * (anger, fear, joy, sadness, neutral). Disgust joins anger (in customer
 * service it is anger at the service); trust joins joy (positive); surprise,
 * anticipation, curiosity, confusion and realization join neutral ("other":
 * nothing routing acts on).
 */
export const EMOTION_LABEL_MAP: Readonly<Record<'goemotions' | 'xed' | 'emot', Readonly<Record<string, string>>>> = Object.freeze({
  goemotions: Object.freeze({
    anger: 'anger', annoyance: 'anger', disapproval: 'anger', disgust: 'anger',
    fear: 'fear', nervousness: 'fear',
    admiration: 'joy', amusement: 'joy', approval: 'joy', caring: 'joy', desire: 'joy', excitement: 'joy',
    gratitude: 'joy', joy: 'joy', love: 'joy', optimism: 'joy', pride: 'joy', relief: 'joy',
    disappointment: 'sadness', embarrassment: 'sadness', grief: 'sadness', remorse: 'sadness', sadness: 'sadness',
    confusion: 'neutral', curiosity: 'neutral', realization: 'neutral', surprise: 'neutral', neutral: 'neutral',
  }),
  // XED numbers Plutchik's emotions alphabetically; 0 is neutral where present.
  xed: Object.freeze({
    '0': 'neutral', '1': 'anger', '2': 'neutral', '3': 'anger', '4': 'fear', '5': 'joy', '6': 'sadness', '7': 'neutral', '8': 'joy',
  }),
  emot: Object.freeze({ anger: 'anger', fear: 'fear', happy: 'joy', love: 'joy', sadness: 'sadness' }),
});

/**
 * Resolves a multi-label annotation to one class: map every label; `neutral`
 * ("other") yields to any specific emotion; two different specific emotions
 * make the row ambiguous (null, the caller drops and counts it).
 *
 * @example
 * resolveEmotion(['1', '7'], EMOTION_LABEL_MAP.xed); // 0 (anger: surprise yields)
 * resolveEmotion(['1', '4'], EMOTION_LABEL_MAP.xed); // null (anger and fear)
 */
export function resolveEmotion(sourceLabels: readonly string[], map: Readonly<Record<string, string>>): number | null | undefined {
  const mapped = new Set<string>();
  for (const l of sourceLabels) {
    const m = map[l.trim()];
    if (m === undefined) return undefined;
    mapped.add(m);
  }
  if (mapped.size === 0) return undefined;
  const specific = [...mapped].filter((m) => m !== 'neutral');
  if (specific.length > 1) return null;
  return EMOTION_LABELS.indexOf(specific[0] ?? 'neutral');
}
