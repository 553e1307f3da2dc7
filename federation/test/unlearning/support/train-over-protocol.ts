import type { Kysely } from 'kysely';
import type { Database } from '@meridian/core/db/database.ts';
import type { Weights } from '../../../src/model/weights.ts';
import type { ModelCodec } from '../../../src/registry/model-codec.ts';
import { createPostgresModelRegistry } from '../../../src/registry/postgres/postgres-model-registry.ts';
import type { LocalTrainer } from '../../../src/round/local-trainer.ts';
import { runRoundsAsParticipant } from '../../../src/round/participant/run-rounds-as-participant.ts';
import { createSecureAggregator } from '../../../src/secure-aggregation/secure-aggregator.ts';
import type { Strategy } from '../../../src/strategy/strategy.ts';
import { regionClient, startTestCoordinator, type TestCoordinator } from '../../coordinator/support/coordinator-fixture.ts';
import type { TestPki } from '../../coordinator/support/test-pki.ts';
import { secaggTransforms } from '../../secure-aggregation/support/secagg-parties.ts';

/**
 * Trains a federation over the real round protocol (a coordinator on mTLS,
 * every region a participant in this process), up to `rounds` in total, with
 * secure aggregation like the launcher or plain updates. Returns the
 * checkpoint's model hash and the coordinator (already closed).
 */
export async function trainOverProtocol(opts: {
  db: Kysely<Database>;
  pki: TestPki;
  federation?: string;
  initialWeights: Weights;
  strategy: Strategy;
  rounds: number;
  secure: boolean;
  codec: ModelCodec;
  trainers: Record<string, LocalTrainer>;
}): Promise<{ modelHash: string; coordinator: TestCoordinator }> {
  const federation = opts.federation ?? 'intent';
  const c = await startTestCoordinator({
    db: opts.db,
    pki: opts.pki,
    federation,
    initialWeights: opts.initialWeights,
    strategy: opts.strategy,
    registry: createPostgresModelRegistry({ db: opts.db, codec: opts.codec }),
    settings: { rounds: opts.rounds, minParticipants: 2, stragglerTimeoutMs: 30_000 },
    ...(opts.secure ? { aggregator: (s: Strategy) => createSecureAggregator(s, { weighting: 'uniform', unmaskWaitMs: 30_000 }) } : {}),
  });
  try {
    const transforms = opts.secure ? secaggTransforms(opts.pki, { weighting: 'uniform', keyWaitMs: 15_000, unmaskWaitMs: 30_000 }) : {};
    const summaries = await Promise.all(
      Object.entries(opts.trainers).map(async ([region, trainer]) => {
        const { client, close } = regionClient(opts.pki, opts.pki.regions[region]!, c.running.url);
        try {
          return await runRoundsAsParticipant({ federation, region, client, codec: opts.codec, trainer, ...(opts.secure ? { transforms: [transforms[region]!] } : {}), pollWaitMs: 2_000 });
        } finally {
          await close();
        }
      }),
    );
    await c.running.done;
    return { modelHash: summaries[0]!.modelHash, coordinator: c };
  } finally {
    await c.running.close();
  }
}
