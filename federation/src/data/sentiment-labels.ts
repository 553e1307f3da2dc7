/** Sentiment classes; every source is mapped onto these (see the data loaders). */
export const SENTIMENT_LABELS: readonly string[] = Object.freeze(['negative', 'neutral', 'positive']);
