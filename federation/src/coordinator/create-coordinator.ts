import { MeridianError, isMeridianError } from '@meridian/core/errors/meridian-error.ts';
import { createLogger } from '@meridian/core/logging/create-logger.ts';
import type { FederationRoundRow } from '@meridian/core/db/schema/federation.table.ts';
import type { Weights } from '../model/weights.ts';
import { rawWeightsCodec } from '../registry/raw-weights-codec.ts';
import type { Aggregator } from '../round/aggregator.ts';
import { createStrategyAggregator } from '../round/create-strategy-aggregator.ts';
import { decideFitPhase, type FitDecision } from '../round/decide-fit-phase.ts';
import { decideRoundOpening } from '../round/decide-round-opening.ts';
import type { EvaluationReport } from '../round/local-evaluator.ts';
import type { ChannelMessage, RoundChannel } from '../round/round-channel.ts';
import type { RoundView } from '../round/round-view.ts';
import { summarizeEvaluations, type EvaluationSummary } from '../round/summarize-evaluations.ts';
import type { UpdateEnvelope } from '../round/update-envelope.ts';
import type { FitConfig } from '../strategy/strategy.ts';
import { checkpointRepository } from './checkpoint.repository.ts';
import type { CoordinatorEvent } from './coordinator-event.ts';
import { createCoordinatorMetrics, type CoordinatorMetrics } from './coordinator-metrics.ts';
import type { CoordinatorOptions } from './coordinator-options.ts';
import type { LiveRound } from './live-round.ts';
import { participantView } from './participant-view.ts';
import { createRoundChannelStore } from './round-channel-store.ts';
import type { RoundRecord } from './round-record.ts';
import { roundRepository } from './round.repository.ts';
import { updateDigest } from './update-digest.ts';

/** Longest a single long-poll or channel read may be held open. */
export const MAX_WAIT_MS = 25_000;
/** Participants' silence is re-checked at least this often (presence expires without an event). */
const RECHECK_MS = 1_000;
/** How many recent models' bytes are kept in memory for downloads. */
const MODEL_CACHE = 3;

/** Where a coordinator is, for operators. */
export interface CoordinatorStatus {
  federation: string;
  state: 'starting' | 'idle' | 'open' | 'aggregating' | 'evaluating' | 'finished' | 'stopped' | 'crashed';
  /** Last committed round and the global model after it. */
  round: number;
  modelHash: string;
  rounds: number;
  live: { round: number; invited: string[]; submitted: string[]; reported: Record<string, string>; deadline: string } | null;
  present: string[];
}

/** How a coordinator's run ended. */
export interface CoordinatorOutcome {
  outcome: 'finished' | 'stopped';
  round: number;
  modelHash: string;
}

/**
 * One federation's coordinator, without any network: the round driver plus
 * the operations the tRPC router exposes to participants (each called with
 * the region of the verified mTLS certificate).
 */
export interface Coordinator {
  readonly federation: string;
  readonly settings: CoordinatorOptions['settings'];
  readonly metrics: CoordinatorMetrics;
  /** Loads (or creates) the checkpoint, resumes any round in progress, and starts driving rounds. */
  start(): Promise<void>;
  /** Stops driving rounds and releases waiting polls; in-memory updates of an open round are dropped. */
  stop(): Promise<void>;
  /** Settles when the run ends: finished (all rounds done) or stopped; rejects on a fatal error. */
  readonly done: Promise<CoordinatorOutcome>;
  status(): CoordinatorStatus;
  /** Long-poll: this region's view, as soon as it differs from `known`, or after `waitMs`. */
  poll(region: string, known: string | undefined, waitMs: number, signal?: AbortSignal): Promise<RoundView>;
  submit(region: string, update: UpdateEnvelope): { duplicate: boolean };
  reportFailure(region: string, round: number, reason: string): void;
  reportEvaluation(region: string, round: number, modelHash: string, report: EvaluationReport): { duplicate: boolean };
  /** Bytes of a registry model, for download. */
  model(hash: string): Promise<{ hash: string; codec: string; bytes: Uint8Array }>;
  /** A party's view of a round's channel. */
  channel(region: string, round: number): RoundChannel;
}

/**
 * Builds a federation coordinator (see DESIGN.md §4.2). The round protocol:
 *
 * 1. **Open** when a quorum is present (`decideRoundOpening`): the FitConfig
 *    comes from the strategy; the round row is inserted (its primary key makes
 *    a round impossible to run twice).
 * 2. **Fit**: invited regions download the global model (by hash), train
 *    locally, and upload their update through their transform pipeline. The
 *    phase ends when all have answered or at the straggler deadline
 *    (`decideFitPhase`); with at least `minParticipants` updates it aggregates,
 *    otherwise the round fails and the model stays.
 * 3. **Commit**, in one transaction: the new model into the registry, the round
 *    row, the checkpoint (fenced on the previous round) and the ledger record.
 *    A crash before the commit leaves the round open, and a restarted
 *    coordinator reopens it (participants re-upload their cached updates); a
 *    crash after it resumes from the new checkpoint. No round is lost or
 *    repeated.
 * 4. **Evaluate**: regions evaluate the new model locally and report aggregate
 *    metrics; the round closes when all contributors reported or at the
 *    evaluation deadline.
 *
 * @example
 * const coordinator = createCoordinator({ federation: 'intent', db, registry, strategy, recorder,
 *   initialWeights, settings: roundSettings({ rounds: 10, participants: ['eu', 'sea', 'me'], minParticipants: 2, stragglerTimeoutMs: 120_000 }) });
 * await coordinator.start();
 * const { modelHash } = await coordinator.done;
 */
export function createCoordinator(options: CoordinatorOptions): Coordinator {
  const { federation, db, registry, strategy, recorder, settings } = options;
  const aggregator: Aggregator = options.aggregator ?? createStrategyAggregator(strategy);
  const logger = options.logger ?? createLogger({ component: 'coordinator', federation });
  const metrics = createCoordinatorMetrics(federation);
  const participants = new Set(settings.participants);

  let state: CoordinatorStatus['state'] = 'starting';
  let checkpoint = { round: 0, modelHash: '' };
  let global: Weights = {};
  let live: LiveRound | undefined;
  let finished = false;
  let stopping = false;
  const stopController = new AbortController();
  const modelCache = new Map<string, Uint8Array>();
  const seen = new Map<string, number>();
  const polling = new Map<string, number>();

  let resolveDone!: (o: CoordinatorOutcome) => void;
  let rejectDone!: (e: unknown) => void;
  const done = new Promise<CoordinatorOutcome>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  // A caller that never awaits `done` must not get an unhandled rejection; errors are also logged.
  done.catch(() => undefined);
  let running: Promise<void> | undefined;

  // ---- change notification: every state change wakes the driver and all long-polls ----
  let waiters = new Set<() => void>();
  const notify = () => {
    const current = waiters;
    waiters = new Set();
    for (const wake of current) wake();
  };
  /** Resolves on the next `notify()` (stop() notifies too), after `ms`, or when `signal` aborts. */
  const changed = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        waiters.delete(wake);
        signal?.removeEventListener('abort', wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.min(Math.max(0, ms), 60_000));
      waiters.add(wake);
      signal?.addEventListener('abort', wake, { once: true });
    });
  const sleepUntil = async (t: number) => {
    while (!stopping && Date.now() < t) await changed(t - Date.now());
  };

  const emit = (event: CoordinatorEvent) => {
    logger.info({ ...event, event: event.type }, event.type.replace('_', ' '));
    try {
      options.onEvent?.(event);
    } catch (error) {
      logger.warn({ err: error }, 'event listener threw');
    }
  };

  // ---- presence ----
  const present = (now = Date.now()) => settings.participants.filter((r) => (polling.get(r) ?? 0) > 0 || now - (seen.get(r) ?? -Infinity) <= settings.presenceTtlMs);
  const markSeen = (region: string) => {
    const wasPresent = present().includes(region);
    seen.set(region, Date.now());
    if (!wasPresent) {
      metrics.present.set(present().length);
      notify();
    }
  };

  const snapshot = () => ({ federation, checkpoint, live, finished });
  const key = (round: number) => ({ federation, round });
  const encodeState = () => rawWeightsCodec.encode(strategy.exportState?.() ?? {});
  const cloneWeights = (w: Weights): Weights => Object.fromEntries(Object.entries(w).map(([k, v]) => [k, v.slice()]));
  const cacheModel = (hash: string, bytes: Uint8Array) => {
    modelCache.delete(hash);
    modelCache.set(hash, bytes);
    while (modelCache.size > MODEL_CACHE) modelCache.delete(modelCache.keys().next().value as string);
  };

  const newLive = (row: { round: number; invited: string[]; config: FitConfig; modelIn: string; attempt: number; openedAt: number; deadline: number }): LiveRound => ({
    ...row,
    phase: 'open',
    modelOut: null,
    updates: new Map(),
    reported: new Map(),
    contributors: [],
    evaluations: new Map(),
    channel: createRoundChannelStore(row.invited),
  });

  // ---- start: checkpoint and resume ----
  const load = async () => {
    let row = await checkpointRepository.find(db, federation);
    let resumed = true;
    if (!row) {
      resumed = false;
      await db.transaction().execute(async (trx) => {
        const version = await registry.put(trx, options.initialWeights, { federation, parentHash: null, round: null });
        await checkpointRepository.create(trx, { federation, modelHash: version.hash, strategy: strategy.name, strategyState: encodeState() });
      });
      row = await checkpointRepository.find(db, federation);
      if (!row) throw new MeridianError('INTERNAL', 'checkpoint vanished after creation', { federation });
    } else {
      if (row.strategy !== strategy.name) {
        throw new MeridianError('CONFLICT', `federation ${federation} was run with strategy ${row.strategy}, not ${strategy.name}`, {
          reason: 'strategy_changed',
          stored: row.strategy,
          configured: strategy.name,
        });
      }
      strategy.importState?.(rawWeightsCodec.decode(row.strategy_state));
    }
    checkpoint = { round: row.round, modelHash: row.model_hash };
    const bytes = await registry.bytes(row.model_hash);
    if (!bytes) throw new MeridianError('INTERNAL', `checkpoint model ${row.model_hash} is missing from the registry`, { federation, hash: row.model_hash });
    global = registry.codec.decode(bytes);
    cacheModel(row.model_hash, bytes);
    metrics.currentRound.set(checkpoint.round);

    const latest = await roundRepository.latest(db, federation);
    if (latest?.status === 'open') await resumeOpen(latest);
    else if (latest?.status === 'evaluating') await resumeEvaluation(latest);
    emit({ type: 'started', federation, round: checkpoint.round, modelHash: checkpoint.modelHash, resumed });
  };

  const resumeOpen = async (row: FederationRoundRow) => {
    if (row.round !== checkpoint.round + 1 || row.model_in !== checkpoint.modelHash) {
      throw new MeridianError('INTERNAL', `open round ${row.round} does not follow the checkpoint (round ${checkpoint.round})`, { federation, round: row.round, checkpointRound: checkpoint.round });
    }
    const deadline = Date.now() + settings.stragglerTimeoutMs;
    const attempt = await roundRepository.reopen(db, key(row.round), new Date(deadline));
    live = newLive({ round: row.round, invited: row.invited, config: row.config as unknown as FitConfig, modelIn: row.model_in, attempt, openedAt: Date.now(), deadline });
    emit({ type: 'round_opened', federation, round: row.round, invited: [...row.invited], modelHash: row.model_in, deadline: new Date(deadline).toISOString(), attempt });
  };

  const resumeEvaluation = async (row: FederationRoundRow) => {
    if (row.round !== checkpoint.round || row.model_out !== checkpoint.modelHash) {
      throw new MeridianError('INTERNAL', `evaluating round ${row.round} does not match the checkpoint (round ${checkpoint.round})`, { federation, round: row.round });
    }
    const deadline = Date.now() + settings.evaluationTimeoutMs;
    await roundRepository.extendEvaluation(db, key(row.round), new Date(deadline));
    live = newLive({ round: row.round, invited: row.invited, config: row.config as unknown as FitConfig, modelIn: row.model_in, attempt: row.attempts, openedAt: Date.now(), deadline });
    live.phase = 'evaluating';
    live.modelOut = row.model_out;
    live.contributors = row.contributors;
  };

  // ---- the driver ----
  const openNext = async () => {
    let quorumSince: number | null = null;
    const round = checkpoint.round + 1;
    while (!stopping) {
      const now = Date.now();
      const here = present(now);
      metrics.present.set(here.length);
      quorumSince = here.length >= settings.minParticipants ? (quorumSince ?? now) : null;
      const decision = decideRoundOpening(
        { participants: settings.participants, present: here, minParticipants: settings.minParticipants, maxParticipants: settings.maxParticipants, quorumSince, joinWindowMs: settings.joinWindowMs, round },
        now,
      );
      if (decision.action === 'wait') {
        await changed(Math.min(decision.until === null ? RECHECK_MS : decision.until - now, RECHECK_MS));
        continue;
      }
      const config = strategy.configureFit(round);
      const openedAt = Date.now();
      const deadline = openedAt + settings.stragglerTimeoutMs;
      await roundRepository.open(db, { federation, round, strategy: strategy.name, config, invited: decision.invited, modelIn: checkpoint.modelHash, openedAt: new Date(openedAt), deadlineAt: new Date(deadline) });
      live = newLive({ round, invited: decision.invited, config, modelIn: checkpoint.modelHash, attempt: 1, openedAt, deadline });
      emit({ type: 'round_opened', federation, round, invited: [...decision.invited], modelHash: checkpoint.modelHash, deadline: new Date(deadline).toISOString(), attempt: 1 });
      notify();
      return;
    }
  };

  const fitPhase = async (round: LiveRound) => {
    while (!stopping) {
      const decision = decideFitPhase(
        { invited: round.invited, submitted: [...round.updates.keys()], reported: Object.fromEntries(round.reported), deadline: round.deadline },
        settings.minParticipants,
        Date.now(),
      );
      if (decision.action === 'wait') {
        await changed(decision.until - Date.now());
        continue;
      }
      round.phase = 'aggregating';
      notify();
      metrics.roundSeconds.observe((Date.now() - round.openedAt) / 1000);
      for (const [region, reason] of Object.entries(decision.failures)) metrics.dropouts.inc({ region, reason: reason.split(':')[0] ?? reason });
      if (decision.action === 'aggregate') await aggregate(round, decision);
      else await fail(round, decision.failures, decision.reason);
      return;
    }
  };

  const aggregate = async (round: LiveRound, decision: Extract<FitDecision, { action: 'aggregate' }>) => {
    const updates = decision.contributors.map((r) => (round.updates.get(r) as { envelope: UpdateEnvelope }).envelope);
    const failures = Object.keys(decision.failures).sort();
    const before = strategy.exportState ? cloneWeights(strategy.exportState()) : undefined;
    let next: Weights;
    try {
      next = await aggregator.aggregate({ federation, round: round.round, global, updates, failures, channel: serverChannel(round), signal: stopController.signal });
    } catch (error) {
      if (before) strategy.importState?.(before);
      // Interrupted by stop(): leave the round open, a restart resumes it.
      if (stopping) return;
      // A deterministic aggregation error would fail again on every restart: fail the round instead.
      logger.error({ err: error, round: round.round }, 'aggregation failed');
      const code = isMeridianError(error) ? error.code.toLowerCase() : 'internal';
      return fail(round, decision.failures, `aggregation_failed:${code}`);
    }
    const exampleCounts = Object.fromEntries(updates.map((u) => [u.region, u.numExamples]));
    const totalExamples = updates.reduce((n, u) => n + u.numExamples, 0);
    const at = new Date();
    let committed: { hash: string; bytes: Uint8Array; ledgerIndex: number | null };
    try {
      committed = await db.transaction().execute(async (trx) => {
        const version = await registry.put(trx, next, { federation, parentHash: round.modelIn, round: round.round });
        await roundRepository.settle(trx, key(round.round), {
          status: 'evaluating',
          contributors: decision.contributors,
          failures: decision.failures,
          exampleCounts,
          totalExamples,
          modelOut: version.hash,
          failureReason: null,
          at,
        });
        await checkpointRepository.advance(trx, { federation, fromRound: checkpoint.round, toRound: round.round, modelHash: version.hash, strategyState: encodeState(), at });
        const record = roundRecord(round, { outcome: 'aggregated', modelOut: version.hash, contributors: decision.contributors, failures: decision.failures, exampleCounts, totalExamples, at, updates });
        const { ledgerIndex } = await recorder.record(trx, record);
        if (ledgerIndex !== null) await roundRepository.setLedgerIndex(trx, key(round.round), ledgerIndex);
        return { hash: version.hash, bytes: version.bytes, ledgerIndex };
      });
    } catch (error) {
      // Nothing committed: put the strategy back where the checkpoint says it is, then stop (a restart reopens the round).
      if (before) strategy.importState?.(before);
      throw error;
    }
    const modelIn = checkpoint.modelHash;
    checkpoint = { round: round.round, modelHash: committed.hash };
    global = next;
    // Every participant downloads it next: serve it from memory, not from the database.
    cacheModel(committed.hash, committed.bytes);
    metrics.currentRound.set(round.round);
    metrics.rounds.inc({ outcome: 'aggregated' });
    round.phase = 'evaluating';
    round.modelOut = committed.hash;
    round.contributors = decision.contributors;
    round.updates.clear();
    round.deadline = Date.now() + settings.evaluationTimeoutMs;
    emit({ type: 'round_aggregated', federation, round: round.round, contributors: decision.contributors, failures: decision.failures, modelIn, modelOut: committed.hash, totalExamples, ledgerIndex: committed.ledgerIndex });
    notify();
  };

  const fail = async (round: LiveRound, failures: Record<string, string>, reason: string) => {
    const at = new Date();
    const all = { ...failures };
    for (const region of round.updates.keys()) all[region] = 'not_aggregated';
    await db.transaction().execute(async (trx) => {
      await roundRepository.settle(trx, key(round.round), { status: 'failed', contributors: [], failures: all, exampleCounts: {}, totalExamples: 0, modelOut: null, failureReason: reason, at });
      await checkpointRepository.advance(trx, { federation, fromRound: checkpoint.round, toRound: round.round, modelHash: checkpoint.modelHash, strategyState: encodeState(), at });
      const record = roundRecord(round, { outcome: 'failed', modelOut: checkpoint.modelHash, contributors: [], failures: all, exampleCounts: {}, totalExamples: 0, at, updates: [] });
      const { ledgerIndex } = await recorder.record(trx, record);
      if (ledgerIndex !== null) await roundRepository.setLedgerIndex(trx, key(round.round), ledgerIndex);
    });
    checkpoint = { round: round.round, modelHash: checkpoint.modelHash };
    metrics.currentRound.set(round.round);
    metrics.rounds.inc({ outcome: 'failed' });
    live = undefined;
    emit({ type: 'round_failed', federation, round: round.round, reason, failures: all });
    notify();
  };

  const roundRecord = (
    round: LiveRound,
    r: Pick<RoundRecord, 'outcome' | 'modelOut' | 'contributors' | 'failures' | 'exampleCounts' | 'totalExamples'> & { at: Date; updates: readonly UpdateEnvelope[] },
  ): RoundRecord => {
    const privacy = privacyOf(r.updates);
    return {
      federation,
      round: round.round,
      outcome: r.outcome,
      strategy: strategy.name,
      aggregator: aggregator.name,
      config: round.config,
      modelIn: round.modelIn,
      modelOut: r.modelOut,
      invited: [...round.invited],
      contributors: [...r.contributors],
      failures: sortedRecord(r.failures),
      exampleCounts: sortedRecord(r.exampleCounts),
      totalExamples: r.totalExamples,
      ...(privacy ? { privacy } : {}),
      time: r.at,
    };
  };

  const evaluationPhase = async (round: LiveRound) => {
    while (!stopping) {
      const pending = round.contributors.filter((r) => !round.evaluations.has(r));
      if (pending.length === 0 || Date.now() >= round.deadline) break;
      await changed(round.deadline - Date.now());
    }
    if (stopping) return;
    const summary: EvaluationSummary = summarizeEvaluations(Object.fromEntries(round.evaluations));
    await roundRepository.close(db, key(round.round), summary, new Date());
    live = undefined;
    emit({ type: 'round_closed', federation, round: round.round, evaluation: summary });
    notify();
  };

  const loop = async () => {
    let first = true;
    while (!stopping) {
      state = live ? live.phase : 'idle';
      if (live?.phase === 'open') {
        await fitPhase(live);
        continue;
      }
      if (live?.phase === 'evaluating') {
        await evaluationPhase(live);
        continue;
      }
      if (checkpoint.round >= settings.rounds) break;
      if (!first || checkpoint.round > 0) await sleepUntil(Date.now() + settings.roundIntervalMs);
      first = false;
      if (!stopping) await openNext();
    }
    if (stopping) {
      state = 'stopped';
      resolveDone({ outcome: 'stopped', ...checkpoint });
      return;
    }
    finished = true;
    state = 'finished';
    emit({ type: 'finished', federation, round: checkpoint.round, modelHash: checkpoint.modelHash });
    notify();
    resolveDone({ outcome: 'finished', ...checkpoint });
  };

  // ---- participant operations ----
  const assertParticipant = (region: string) => {
    if (!participants.has(region)) {
      throw new MeridianError('FORBIDDEN', `region ${region} does not take part in federation ${federation}`, { reason: 'not_a_participant', region, federation });
    }
  };
  const requireRound = (round: number, phases: readonly LiveRound['phase'][]): LiveRound => {
    if (finished) throw new MeridianError('CONFLICT', `federation ${federation} has finished`, { reason: 'federation_finished', round });
    if (!live || live.round !== round || !phases.includes(live.phase)) {
      throw new MeridianError('CONFLICT', `round ${round} is not accepting this now`, {
        reason: 'round_not_open',
        round,
        currentRound: live?.round ?? checkpoint.round,
        phase: live?.phase ?? 'idle',
      });
    }
    return live;
  };

  const serverChannel = (round: LiveRound): RoundChannel => channelView('coordinator', round);
  const channelView = (viewer: string, round: LiveRound): RoundChannel => ({
    async post(topic, body, to) {
      round.channel.post(viewer, topic, body, to ?? null);
      notify();
    },
    async read(topic, opts = {}) {
      const until = Date.now() + Math.min(Math.max(0, opts.waitMs ?? 0), MAX_WAIT_MS);
      for (;;) {
        const found: ChannelMessage[] = round.channel.visible(viewer, topic, opts.after ?? 0);
        if (found.length > 0 || Date.now() >= until || stopping) return found;
        await changed(until - Date.now());
      }
    },
  });

  return {
    federation,
    settings,
    metrics,
    done,

    async start() {
      if (running) return;
      try {
        await load();
      } catch (error) {
        state = 'crashed';
        rejectDone(error);
        throw error;
      }
      running = loop().catch((error: unknown) => {
        state = 'crashed';
        logger.error({ err: error }, 'coordinator stopped on an error');
        rejectDone(error);
      });
    },

    async stop() {
      stopping = true;
      stopController.abort();
      notify();
      await running;
      if (!running) resolveDone({ outcome: 'stopped', ...checkpoint });
    },

    status() {
      return {
        federation,
        state,
        round: checkpoint.round,
        modelHash: checkpoint.modelHash,
        rounds: settings.rounds,
        live: live
          ? { round: live.round, invited: [...live.invited], submitted: [...live.updates.keys()].sort(), reported: Object.fromEntries(live.reported), deadline: new Date(live.deadline).toISOString() }
          : null,
        present: present(),
      };
    },

    async poll(region, known, waitMs, signal) {
      assertParticipant(region);
      markSeen(region);
      polling.set(region, (polling.get(region) ?? 0) + 1);
      try {
        const until = Date.now() + Math.min(Math.max(0, waitMs), MAX_WAIT_MS);
        for (;;) {
          const view = participantView(snapshot(), region);
          if (view.version !== known || Date.now() >= until || stopping || signal?.aborted) return view;
          await changed(until - Date.now(), signal);
        }
      } finally {
        polling.set(region, (polling.get(region) ?? 1) - 1);
        seen.set(region, Date.now());
      }
    },

    submit(region, update) {
      assertParticipant(region);
      const round = requireRound(update.round, ['open']);
      if (!round.invited.includes(region)) throw new MeridianError('FORBIDDEN', `region ${region} is not invited to round ${round.round}`, { reason: 'not_invited', region, round: round.round });
      if (round.reported.has(region)) throw new MeridianError('CONFLICT', `region ${region} already reported a failure for round ${round.round}`, { reason: 'failure_already_reported', round: round.round });
      const digest = updateDigest(update);
      const previous = round.updates.get(region);
      if (previous) {
        if (previous.digest === digest) return { duplicate: true };
        throw new MeridianError('CONFLICT', `round ${round.round} already has an update from ${region}`, { reason: 'update_already_received', round: round.round });
      }
      try {
        aggregator.validate(update, global);
      } catch (error) {
        metrics.refusedUpdates.inc({ reason: isMeridianError(error) ? String(error.evidence.reason ?? error.code) : 'internal' });
        throw error;
      }
      round.updates.set(region, { envelope: update, digest });
      metrics.updates.inc({ region });
      metrics.updateBytes.inc({ region }, Object.values(update.tensors).reduce((n, t) => n + t.length, 0));
      emit({ type: 'update_received', federation, round: round.round, region, numExamples: update.numExamples });
      notify();
      return { duplicate: false };
    },

    reportFailure(region, roundNumber, reason) {
      assertParticipant(region);
      const round = requireRound(roundNumber, ['open']);
      if (!round.invited.includes(region)) throw new MeridianError('FORBIDDEN', `region ${region} is not invited to round ${round.round}`, { reason: 'not_invited', region, round: round.round });
      if (round.updates.has(region)) throw new MeridianError('CONFLICT', `region ${region} already sent an update for round ${round.round}`, { reason: 'update_already_received', round: round.round });
      if (round.reported.has(region)) return;
      round.reported.set(region, `reported:${reason}`);
      emit({ type: 'failure_reported', federation, round: round.round, region, reason });
      notify();
    },

    reportEvaluation(region, roundNumber, modelHash, report) {
      assertParticipant(region);
      const round = requireRound(roundNumber, ['evaluating']);
      if (round.modelOut !== modelHash) {
        throw new MeridianError('CONFLICT', `round ${round.round} produced another model`, { reason: 'model_mismatch', round: round.round, expected: round.modelOut ?? '', found: modelHash.slice(0, 64) });
      }
      if (round.evaluations.has(region)) return { duplicate: true };
      round.evaluations.set(region, { numExamples: report.numExamples, metrics: { ...report.metrics } });
      emit({ type: 'evaluation_received', federation, round: round.round, region });
      notify();
      return { duplicate: false };
    },

    async model(hash) {
      let bytes = modelCache.get(hash);
      if (!bytes) {
        bytes = await registry.bytes(hash);
        if (!bytes) throw new MeridianError('NOT_FOUND', `no model ${hash.slice(0, 64)} in the registry`, { reason: 'unknown_model' });
        cacheModel(hash, bytes);
      }
      return { hash, codec: registry.codec.name, bytes };
    },

    channel(region, roundNumber) {
      assertParticipant(region);
      const round = requireRound(roundNumber, ['open', 'aggregating', 'evaluating']);
      if (!round.invited.includes(region)) throw new MeridianError('FORBIDDEN', `region ${region} is not invited to round ${round.round}`, { reason: 'not_invited', region, round: round.round });
      return channelView(region, round);
    },
  };
}

/**
 * ε and δ per region from the updates' annotations (`epsilon`, `delta`), as
 * the DP trainer will leave them; undefined while no update carries any.
 */
function privacyOf(updates: readonly UpdateEnvelope[]): RoundRecord['privacy'] {
  const spent: Record<string, { epsilon: number; delta: number }> = {};
  for (const u of updates) {
    const { epsilon, delta } = u.annotations;
    if (typeof epsilon === 'number' && typeof delta === 'number') spent[u.region] = { epsilon, delta };
  }
  return Object.keys(spent).length > 0 ? spent : undefined;
}

/** The same record with its keys in order, so round records and ledger metadata list regions alphabetically. */
function sortedRecord<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}
