import type { Kysely } from 'kysely';
import type { Database } from '@meridian/core/db/database.ts';
import type { Logger } from '@meridian/core/logging/create-logger.ts';
import type { Weights } from '../model/weights.ts';
import type { ModelRegistry } from '../registry/model-registry.ts';
import type { Aggregator } from '../round/aggregator.ts';
import type { RoundSettings } from '../round/round-settings.ts';
import type { Strategy } from '../strategy/strategy.ts';
import type { CoordinatorEvent } from './coordinator-event.ts';
import type { RoundRecorder } from './round-recorder.ts';

/** Everything one federation's coordinator needs; nothing is read from the environment. */
export interface CoordinatorOptions {
  /** Name of the federated model, e.g. `intent`; one coordinator process may run several. */
  federation: string;
  /** The coordinator's own database (migrated): rounds, checkpoint, registry and its ledger. */
  db: Kysely<Database>;
  registry: ModelRegistry;
  /** Hands out FitConfigs and folds updates; its server state is checkpointed every round. */
  strategy: Strategy;
  /** Server-side aggregation step; default `createStrategyAggregator(strategy)`. */
  aggregator?: Aggregator;
  recorder: RoundRecorder;
  /** The round-0 model, used only when the database holds no checkpoint for this federation yet. */
  initialWeights: Weights;
  /** From `roundSettings(...)`. */
  settings: RoundSettings;
  logger?: Logger;
  /** Called synchronously on every state change (logs, progress bars, tests). */
  onEvent?: (event: CoordinatorEvent) => void;
}
