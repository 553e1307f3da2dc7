import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, describe, it } from 'vitest';
import type { Database } from '@meridian/core/db/database.ts';
import { openDatabase } from '@meridian/core/db/open-database.ts';
import { createRevocationList } from '@meridian/core/pki/index.ts';
import { postgresLedger } from '@meridian/audit/ledger/postgres/postgres-ledger.ts';
import { ed25519NoteSigner } from '@meridian/audit/note/ed25519-note-signer.ts';
import { decodeLeaf } from '@meridian/audit/ledger/decode-leaf.ts';
import { freshDatabase, type TestDatabase } from '../../../test/databases.ts';
import type { Weights } from '../../src/model/weights.ts';
import { modelHash } from '../../src/model/model-hash.ts';
import { rawWeightsCodec } from '../../src/registry/raw-weights-codec.ts';
import { runRoundsAsParticipant, type ParticipantSummary } from '../../src/round/participant/run-rounds-as-participant.ts';
import type { ParticipantEvent } from '../../src/round/participant/participant-event.ts';
import type { FitResult } from '../../src/strategy/strategy.ts';
import { roundRepository } from '../../src/coordinator/round.repository.ts';
import { checkpointRepository } from '../../src/coordinator/checkpoint.repository.ts';
import { createTestPki } from './support/test-pki.ts';
import { regionClient, testStrategy } from './support/coordinator-fixture.ts';
import { distanceEvaluator, pullTowardsTrainer } from './support/test-trainers.ts';
import { runFixture, type FixtureProcess } from './support/child-process.ts';

const ROUNDS = 5;
const initial = { w: [0, 0, 0], b: [0] };
const targets: Record<string, Weights> = {
  eu: { w: Float32Array.of(1, 2, 3), b: Float32Array.of(1) },
  me: { w: Float32Array.of(-3, 1, 0.5), b: Float32Array.of(-1) },
  sea: { w: Float32Array.of(2, -2, 7), b: Float32Array.of(0.25) },
};
const examples: Record<string, number> = { eu: 50, me: 150, sea: 25 };

const children: FixtureProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of children) c.child.kill('SIGKILL');
  for (const c of cleanups) await c();
});

/**
 * The coordinator's database as the test sees it. Postgres is shared with the
 * child; an embedded PGlite data directory has one user at a time, so the
 * test opens it only while the coordinator process is dead.
 */
interface Store {
  config: { databaseUrl: string } | { pgliteDir: string };
  read<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T>;
}

async function storeOn(engine: 'postgres' | 'pglite'): Promise<Store> {
  if (engine === 'postgres') {
    const t: TestDatabase = await freshDatabase('postgres');
    cleanups.push(() => t.close());
    return { config: { databaseUrl: t.url! }, read: (fn) => fn(t.db) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'meridian-coordinator-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return {
    config: { pgliteDir: dir },
    async read(fn) {
      const opened = await openDatabase({ dataDir: dir });
      try {
        return await fn(opened.db);
      } finally {
        await opened.close();
      }
    },
  };
}

/** The model an uninterrupted run must reach: the strategy and trainers in a plain loop. */
async function expectedFinalModel(strategyName: 'fedavg' | 'fedadam'): Promise<Weights> {
  const strategy = testStrategy(ROUNDS, 0.5, strategyName);
  let global: Weights = { w: Float32Array.from(initial.w), b: Float32Array.from(initial.b) };
  for (let round = 1; round <= ROUNDS; round++) {
    const config = strategy.configureFit(round);
    const results: FitResult[] = [];
    for (const r of ['eu', 'me', 'sea']) results.push(await pullTowardsTrainer(r, targets[r]!, examples[r]!)(global, config, { federation: 'intent', round, modelHash: '', signal: new AbortController().signal }));
    global = strategy.aggregate(round, global, results, []);
  }
  return global;
}

// FedAdam on the second engine: its server moments must come back from the checkpoint for the result to match.
describe.concurrent.each([
  ['postgres', 'fedavg'],
  ['pglite', 'fedadam'],
] as const)('coordinator crash and resume on %s with %s (kill -9 of a real process)', (engine, strategyName) => {
  // Mostly waiting on child processes: the two engines run side by side.
  it('resumes from its checkpoint without losing or repeating a round, between rounds and mid-round', async ({ expect }) => {
    const pki = createTestPki();
    const store = await storeOn(engine);
    const ledgerKey = generateKeyPairSync('ed25519').privateKey;
    const config = (port: number) => ({
      ...store.config,
      port,
      key: pki.coordinator.key,
      cert: pki.coordinator.cert,
      ca: pki.ca.certPem,
      revocationList: createRevocationList(pki.ca),
      ledgerKeyPem: ledgerKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      federation: 'intent',
      strategy: strategyName,
      initialWeights: initial,
      // The pause between rounds is the window the first kill aims at.
      settings: { rounds: ROUNDS, participants: ['eu', 'me', 'sea'], minParticipants: 3, stragglerTimeoutMs: 20_000, evaluationTimeoutMs: 20_000, roundIntervalMs: 1_000, joinWindowMs: 20_000 },
    });
    const start = (port: number) => {
      const child = runFixture('coordinator-process', config(port));
      children.push(child);
      return child;
    };

    let coordinator = start(0);
    const { url } = (await coordinator.waitFor((e) => e.event === 'listening', 30_000)) as { url: string };
    const port = Number(new URL(url).port);

    const participantEvents: Record<string, ParticipantEvent[]> = { eu: [], me: [], sea: [] };
    const participants = Object.values(pki.regions).map((id) => {
      const { client, close } = regionClient(pki, id, url);
      const run = runRoundsAsParticipant({
        federation: 'intent',
        region: id.region,
        client,
        trainer: async (global, fitConfig, context) => {
          // sea is slow in round 4, so the second kill surely lands while that round is open.
          if (id.region === 'sea' && fitConfig.round === 4) await new Promise((r) => setTimeout(r, 1_500));
          return pullTowardsTrainer(id.region, targets[id.region]!, examples[id.region]!)(global, fitConfig, context);
        },
        evaluator: distanceEvaluator(targets[id.region]!, 5),
        pollWaitMs: 5_000,
        retry: { minDelayMs: 50, maxDelayMs: 300, giveUpAfterMs: 30_000 },
        onEvent: (e) => participantEvents[id.region]!.push(e),
      });
      return { run, close };
    });

    // 1. Between rounds: right after round 2 closed, during the pause before round 3.
    await coordinator.waitFor((e) => e.event === 'round_closed' && e.round === 2);
    coordinator.child.kill('SIGKILL');
    expect((await coordinator.exited).signal).toBe('SIGKILL');
    const atFirstKill = await store.read(async (db) => ({ rounds: await roundRepository.list(db, 'intent'), checkpoint: (await checkpointRepository.find(db, 'intent'))! }));
    expect(atFirstKill.rounds.map((r) => [r.round, r.status])).toEqual([
      [1, 'closed'],
      [2, 'closed'],
    ]);
    expect(atFirstKill.checkpoint.round).toBe(2);

    coordinator = start(port);
    expect(await coordinator.waitFor((e) => e.event === 'started')).toMatchObject({ resumed: true, round: 2, modelHash: atFirstKill.checkpoint.model_hash });

    // 2. Mid-round: as soon as round 4 has an update in (held in memory only) and sea is still training.
    expect(await coordinator.waitFor((e) => e.event === 'update_received' && e.round === 4)).not.toMatchObject({ region: 'sea' });
    coordinator.child.kill('SIGKILL');
    await coordinator.exited;
    const [, , , fourth] = await store.read((db) => roundRepository.list(db, 'intent'));
    expect(fourth).toMatchObject({ round: 4, status: 'open', attempts: 1 });

    coordinator = start(port);
    expect(await coordinator.waitFor((e) => e.event === 'started')).toMatchObject({ resumed: true, round: 3 });
    expect(await coordinator.waitFor((e) => e.event === 'round_opened')).toMatchObject({ round: 4, attempt: 2, invited: ['eu', 'me', 'sea'] });
    await coordinator.waitFor((e) => e.event === 'finished');

    const summaries: ParticipantSummary[] = [];
    for (const p of participants) {
      summaries.push(await p.run);
      await p.close();
    }
    coordinator.child.kill('SIGTERM');
    expect((await coordinator.exited).code).toBe(0);

    const { rounds, checkpoint, leaves } = await store.read(async (db) => {
      const ledger = postgresLedger({ db, signer: ed25519NoteSigner('meridian.test/ledger/coordinator', ledgerKey) });
      return {
        rounds: await roundRepository.list(db, 'intent'),
        checkpoint: (await checkpointRepository.find(db, 'intent'))!,
        leaves: (await ledger.entries(0, await ledger.size())).map((e) => decodeLeaf(e.leaf)),
      };
    });

    // Every round exactly once, in order, each starting from the previous one's model.
    expect(rounds.map((r) => [r.round, r.status, r.attempts])).toEqual([
      [1, 'closed', 1],
      [2, 'closed', 1],
      [3, 'closed', 1],
      [4, 'closed', 2],
      [5, 'closed', 1],
    ]);
    for (let i = 1; i < rounds.length; i++) expect(rounds[i]!.model_in).toBe(rounds[i - 1]!.model_out);
    for (const r of rounds) expect(r.contributors).toEqual(['eu', 'me', 'sea']);

    // Nothing lost: the result is bit for bit what an uninterrupted run computes.
    expect(checkpoint).toMatchObject({ round: ROUNDS, model_hash: rounds[4]!.model_out });
    expect(checkpoint.model_hash).toBe(modelHash(rawWeightsCodec.encode(await expectedFinalModel(strategyName))));

    // Nothing repeated: one ledger entry per round.
    expect(leaves.map((l) => l.refId)).toEqual([1, 2, 3, 4, 5].map((n) => `intent:round:${n}`));
    expect(leaves.map((l) => l.meta.modelOut)).toEqual(rounds.map((r) => r.model_out));

    // The participants trained each round once: after the mid-round crash their cached update went again, either
    // because the restarted coordinator's view said `submitted: false` or because the upload in flight was retried.
    for (const s of summaries) {
      expect(s).toMatchObject({ round: ROUNDS, modelHash: checkpoint.model_hash });
      expect(Object.values(s.rounds).every((r) => r.submitted && r.evaluated)).toBe(true);
      const events = participantEvents[s.region]!;
      expect(events.filter((e) => e.type === 'training').map((e) => (e as { round: number }).round)).toEqual([1, 2, 3, 4, 5]);
    }
    const resent = Object.values(participantEvents).flatMap((events) => events.filter((e) => e.type === 'submitted' && e.resent));
    expect(resent.every((e) => (e as { round: number }).round === 4)).toBe(true);
  }, 45_000);
});
