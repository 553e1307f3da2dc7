import { generateKeyPairSync } from 'node:crypto';
import type { Kysely } from 'kysely';
import { Agent, type Dispatcher } from 'undici';
import type { Database } from '@meridian/core/db/database.ts';
import type { Ledger } from '@meridian/audit/ledger/ledger.ts';
import { postgresLedger } from '@meridian/audit/ledger/postgres/postgres-ledger.ts';
import { ed25519NoteSigner } from '@meridian/audit/note/ed25519-note-signer.ts';
import { decodeLeaf } from '@meridian/audit/ledger/decode-leaf.ts';
import type { LedgerLeaf } from '@meridian/audit/ledger/ledger-leaf.ts';
import type { Weights } from '../../../src/model/weights.ts';
import { createPostgresModelRegistry } from '../../../src/registry/postgres/postgres-model-registry.ts';
import { rawWeightsCodec } from '../../../src/registry/raw-weights-codec.ts';
import type { ModelRegistry } from '../../../src/registry/model-registry.ts';
import { roundSettings, type RoundSettings } from '../../../src/round/round-settings.ts';
import { createFedAvg } from '../../../src/strategy/fed-avg/fed-avg.ts';
import { createFedAdam } from '../../../src/strategy/fed-adam/fed-adam.ts';
import type { Strategy } from '../../../src/strategy/strategy.ts';
import { createLedgerRoundRecorder } from '../../../src/coordinator/ledger/ledger-round-recorder.ts';
import type { CoordinatorEvent } from '../../../src/coordinator/coordinator-event.ts';
import { startCoordinator, type RunningCoordinator } from '../../../src/coordinator/start-coordinator.ts';
import type { Aggregator } from '../../../src/round/aggregator.ts';
import { createMtlsAgent } from '../../../src/transport/create-mtls-agent.ts';
import { createCoordinatorClient, type CoordinatorClient } from '../../../src/round/participant/coordinator-client.ts';
import type { NodeIdentity, TestPki } from './test-pki.ts';
import { pino } from 'pino';

/**
 * Plain FedAvg weighted by examples, with a constant learning rate: easy to
 * compute by hand. `fedadam` has server state (moments) that a checkpoint must carry.
 */
export function testStrategy(rounds: number, learningRate = 0.5, name: 'fedavg' | 'fedadam' = 'fedavg'): Strategy {
  const schedule = { rounds, localEpochs: 1, learningRate, learningRateEnd: learningRate, batchSize: 8 };
  return name === 'fedadam' ? createFedAdam({ schedule, serverLearningRate: 0.3, weighting: 'examples' }) : createFedAvg({ schedule, weighting: 'examples' });
}

export interface TestCoordinator {
  running: RunningCoordinator;
  registry: ModelRegistry;
  ledger: Ledger;
  events: CoordinatorEvent[];
  /** Resolves on the first event matching `match` (already seen ones count). */
  event<T extends CoordinatorEvent['type']>(type: T, match?: (e: Extract<CoordinatorEvent, { type: T }>) => boolean, timeoutMs?: number): Promise<Extract<CoordinatorEvent, { type: T }>>;
  /** The coordinator ledger's training_round leaves. */
  roundLeaves(): Promise<LedgerLeaf[]>;
}

/** A coordinator on `db`, served over real mTLS on 127.0.0.1, recording rounds on a Postgres ledger in the same database. */
export async function startTestCoordinator(options: {
  db: Kysely<Database>;
  pki: TestPki;
  initialWeights: Weights;
  settings: Partial<RoundSettings> & Pick<RoundSettings, 'rounds' | 'minParticipants' | 'stragglerTimeoutMs'>;
  strategy?: Strategy;
  aggregator?: (strategy: Strategy) => Aggregator;
  registry?: ModelRegistry;
  federation?: string;
}): Promise<TestCoordinator> {
  const events: CoordinatorEvent[] = [];
  const listeners = new Set<() => void>();
  const ledger = postgresLedger({ db: options.db, signer: ed25519NoteSigner('meridian.test/ledger/coordinator', generateKeyPairSync('ed25519').privateKey) });
  const registry = options.registry ?? createPostgresModelRegistry({ db: options.db, codec: rawWeightsCodec });
  const strategy = options.strategy ?? testStrategy(options.settings.rounds);
  const running = await startCoordinator({
    federation: options.federation ?? 'intent',
    db: options.db,
    registry,
    strategy,
    ...(options.aggregator ? { aggregator: options.aggregator(strategy) } : {}),
    recorder: createLedgerRoundRecorder({ ledger }),
    initialWeights: options.initialWeights,
    settings: roundSettings({ participants: Object.keys(options.pki.regions), joinWindowMs: 10_000, ...options.settings }),
    key: options.pki.coordinator.key,
    cert: options.pki.coordinator.cert,
    ca: options.pki.ca.certPem,
    revocation: options.pki.revocation,
    logger: pino({ level: 'silent' }),
    onEvent: (e) => {
      events.push(e);
      for (const l of listeners) l();
    },
  });
  const event: TestCoordinator['event'] = (type, match, timeoutMs = 20_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = events.find((e) => e.type === type && (!match || match(e as never)));
        if (!found) return false;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(found as never);
        return true;
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`no ${type} event within ${timeoutMs} ms; saw ${events.map((e) => e.type).join(', ')}`));
      }, timeoutMs);
      if (!check()) listeners.add(check);
    });
  const roundLeaves = async () => (await ledger.entries(0, await ledger.size())).map((e) => decodeLeaf(e.leaf)).filter((l) => l.type === 'training_round');
  return { running, registry, ledger, events, event, roundLeaves };
}

/** A region's mTLS client of the coordinator; `dispatcher` wraps the agent (e.g. to tee bytes). */
export function regionClient(
  pki: TestPki,
  identity: NodeIdentity,
  url: string,
  wrap?: (agent: Agent) => Dispatcher,
): { client: CoordinatorClient; close: () => Promise<void> } {
  const agent = createMtlsAgent({ ca: pki.ca.certPem, key: identity.key, cert: identity.cert, expectServer: { roles: ['coordinator'] } });
  const client = createCoordinatorClient({ url, agent: wrap ? wrap(agent) : agent, region: identity.region });
  return { client, close: () => agent.close() };
}
