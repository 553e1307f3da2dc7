import { createFedAvg } from '@meridian/federation/strategy/fed-avg/fed-avg.ts';
import type { Strategy } from '@meridian/federation/strategy/strategy.ts';

/**
 * The strategy every local federation trains with, and the one an unlearning
 * replay must aggregate with (the same weighting and server step, or the
 * replayed models differ). Uniform region weights: size-weighted FedAvg let
 * the Arabic region swamp the English ones (see federation/README.md).
 * `totalRounds` only shapes the FitConfig of new rounds; a replay uses each
 * round's stored FitConfig, so it may pass the checkpoint's round.
 *
 * @example
 * const strategy = localFederationStrategy(checkpointRound + rounds);
 */
export function localFederationStrategy(totalRounds: number): Strategy {
  return createFedAvg({ schedule: { rounds: totalRounds, localEpochs: 1, learningRate: 0.03, learningRateEnd: 0.03, batchSize: 64 }, weighting: 'uniform', serverLearningRate: 1.5 });
}
