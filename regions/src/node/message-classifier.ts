import type { Route, RouteReason } from '@meridian/core/routing/decide-route.ts';

/** What the routing models say about one message, and where it goes. */
export interface Classification {
  intent: string;
  sentiment: string;
  emotion: string;
  /** The intent model's confidence. */
  confidence: number;
  route: Route;
  reason: RouteReason;
  /** Content hashes of the models that classified the message, stored with it. */
  models?: { intent: string; sentiment: string; emotion: string };
}

/** The classification hook of the ingestion pipeline; the federated models implement it. */
export interface MessageClassifier {
  /** `sensitive[i]`: message i held special-category content (never answered by the bot). */
  classify(texts: readonly string[], sensitive: readonly boolean[]): Classification[];
}
