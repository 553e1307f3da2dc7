/**
 * Emotion classes, chosen for routing: `anger` and `fear` (anxiety) escalate
 * to a person. `joy` covers positive emotions (love, gratitude, trust...);
 * `neutral` covers neutral and the emotions routing does not act on (surprise,
 * anticipation, curiosity, confusion, realization). The per-source mapping is
 * in `emotion-label-map.ts`.
 */
export const EMOTION_LABELS: readonly string[] = Object.freeze(['anger', 'fear', 'joy', 'sadness', 'neutral']);
