/** What the routing models say about one message. */
export interface Classification {
  intent: string;
  sentiment: string;
  emotion: string;
  confidence: number;
  route: 'bot' | 'person' | 'expert';
}

/** The classification hook of the ingestion pipeline; the federated models implement it. */
export interface MessageClassifier {
  classify(texts: readonly string[]): Classification[];
}
