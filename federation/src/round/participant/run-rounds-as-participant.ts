import { TRPCClientError } from '@trpc/client';
import { MeridianError, isMeridianError } from '@meridian/core/errors/meridian-error.ts';
import { modelHash } from '../../model/model-hash.ts';
import type { Weights } from '../../model/weights.ts';
import type { ModelCodec } from '../../registry/model-codec.ts';
import { rawWeightsCodec } from '../../registry/raw-weights-codec.ts';
import { applyUpdateTransforms } from '../apply-update-transforms.ts';
import { envelopeOfFitResult } from '../envelope-of-fit-result.ts';
import type { EvaluationReport, LocalEvaluator } from '../local-evaluator.ts';
import type { LocalTrainer } from '../local-trainer.ts';
import type { RoundChannel } from '../round-channel.ts';
import type { RoundView } from '../round-view.ts';
import type { TransformContext, UpdateTransform } from '../update-transform.ts';
import { toWireUpdate, type WireUpdate } from '../wire-update.ts';
import type { CoordinatorClient } from './coordinator-client.ts';
import type { ParticipantEvent } from './participant-event.ts';

export interface ParticipantOptions {
  federation: string;
  /** This node's region: the one in its certificate. */
  region: string;
  /** From `createCoordinatorClient`. */
  client: CoordinatorClient;
  trainer: LocalTrainer;
  /** Evaluates each new global model locally; without one the node reports no metrics. */
  evaluator?: LocalEvaluator;
  /** The client half of the update pipeline (empty: plain updates). */
  transforms?: readonly UpdateTransform[];
  /** Must be the coordinator registry's codec; default `rawWeightsCodec`. */
  codec?: ModelCodec;
  /** Ends the loop (the promise then rejects with the abort reason). */
  signal?: AbortSignal;
  /** Long-poll hold time asked of the coordinator; default 20 s. */
  pollWaitMs?: number;
  /** Backoff while the coordinator is unreachable (e.g. restarting). */
  retry?: { minDelayMs?: number; maxDelayMs?: number; giveUpAfterMs?: number };
  /** A new global model exists (after a round, or the final one): e.g. swap the model the node serves. */
  onGlobalModel?: (model: { round: number; modelHash: string; weights: Weights }) => void | Promise<void>;
  onEvent?: (event: ParticipantEvent) => void;
}

/** What one participant did. */
export interface ParticipantSummary {
  federation: string;
  region: string;
  /** The last round of the federation and its final model. */
  round: number;
  modelHash: string;
  /** Per round this node was invited to: whether its update went in, a failure it reported, whether it evaluated. */
  rounds: Record<number, { submitted: boolean; failure?: string; evaluated: boolean }>;
}

/**
 * A region node's side of the round protocol: it long-polls the coordinator
 * and reconciles with the view it gets, until the federation finishes.
 *
 * - `fit`: download the global model (verifying its SHA-256 against the
 *   hash the view names), train with `trainer`, pass the FitResult through
 *   `envelopeOfFitResult` and `transforms`, upload. The wire update is kept
 *   for the round, so if the coordinator restarts and its view says
 *   `submitted: false` again, the same bytes are re-sent, not retrained.
 * - `evaluate`: download the new model, hand it to `onGlobalModel`, run
 *   `evaluator`, report the aggregate metrics.
 * - A trainer that throws a `MeridianError` (e.g. `BUDGET_EXCEEDED`) makes the
 *   node report that code as its failure for the round; other errors end the
 *   loop.
 *
 * Only model weights (as deltas), example counts and aggregate metrics ever
 * leave through this function; the trainer and evaluator keep the data.
 * Transport failures are retried with backoff for up to
 * `retry.giveUpAfterMs` (default 5 minutes) of continuous failure.
 *
 * @example
 * const summary = await runRoundsAsParticipant({
 *   federation: 'intent', region: 'eu', client: createCoordinatorClient({ url, agent, region: 'eu' }),
 *   trainer: (global, config) => trainLocal(global, examples, config, { spec, region: 'eu', engine }),
 *   evaluator: (weights) => evaluate(weights),
 * });
 */
export async function runRoundsAsParticipant(options: ParticipantOptions): Promise<ParticipantSummary> {
  const { federation, region, client } = options;
  const codec = options.codec ?? rawWeightsCodec;
  const transforms = options.transforms ?? [];
  const signal = options.signal ?? new AbortController().signal;
  const pollWaitMs = options.pollWaitMs ?? 20_000;
  const minDelay = options.retry?.minDelayMs ?? 100;
  const maxDelay = options.retry?.maxDelayMs ?? 2_000;
  const giveUpAfter = options.retry?.giveUpAfterMs ?? 300_000;
  const emit = (e: ParticipantEvent) => options.onEvent?.(e);

  const summary: ParticipantSummary = { federation, region, round: 0, modelHash: '', rounds: {} };
  const entry = (round: number) => (summary.rounds[round] ??= { submitted: false, evaluated: false });
  /** Wire updates (and failure codes) per round, kept to resend after a coordinator restart. */
  const outbox = new Map<number, { update: WireUpdate; bytes: number } | { failure: string }>();
  const reports = new Map<number, { modelHash: string; report: EvaluationReport }>();
  const models = new Map<string, Weights>();
  let deliveredModel = '';

  /** Runs a call, retrying transport failures (not HTTP answers) with capped exponential backoff. */
  const call = async <T>(fn: () => Promise<T>): Promise<T> => {
    let failingSince: number | undefined;
    for (let attempt = 1; ; attempt++) {
      signal.throwIfAborted();
      try {
        return await fn();
      } catch (error) {
        if (!isTransportError(error) || signal.aborted) throw error;
        failingSince ??= Date.now();
        if (Date.now() - failingSince > giveUpAfter) {
          throw new MeridianError('UNAVAILABLE', `coordinator unreachable for ${giveUpAfter} ms`, { reason: 'coordinator_unreachable', attempts: attempt }, { cause: error });
        }
        const delayMs = Math.min(maxDelay, minDelay * 2 ** Math.min(attempt - 1, 16));
        emit({ type: 'retrying', attempt, delayMs, reason: error instanceof Error ? error.message.slice(0, 120) : 'error' });
        await sleep(delayMs, signal);
      }
    }
  };

  const fetchModel = async (hash: string): Promise<Weights> => {
    const cached = models.get(hash);
    if (cached) return cached;
    const got = await call(() => client.model.get.query({ federation, hash }, { signal }));
    if (got.codec !== codec.name) throw new MeridianError('CONFLICT', `coordinator serves ${got.codec} models, this node reads ${codec.name}`, { reason: 'codec_mismatch', served: got.codec, expected: codec.name });
    const bytes = Buffer.from(got.bytes, 'base64');
    const found = modelHash(bytes);
    // Content addressing protects the node too: never train on or serve a model that is not the one named.
    if (found !== hash) throw new MeridianError('CONFLICT', 'downloaded model does not match its hash', { reason: 'model_hash_mismatch', expected: hash, found });
    const weights = codec.decode(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    models.clear(); // one model at a time is all the loop needs; frees tens of MB per old model
    models.set(hash, weights);
    return weights;
  };

  const deliver = async (round: number, hash: string) => {
    if (deliveredModel === hash || !options.onGlobalModel) return;
    const weights = await fetchModel(hash);
    await options.onGlobalModel({ round, modelHash: hash, weights });
    deliveredModel = hash;
    emit({ type: 'model', round, modelHash: hash });
  };

  const channelFor = (round: number): RoundChannel => ({
    async post(topic, body, to) {
      await call(() => client.round.post.mutate({ federation, round, topic, ...(to === undefined ? {} : { to }), body: Buffer.from(body).toString('base64') }, { signal }));
    },
    async read(topic, opts = {}) {
      const messages = await call(() => client.round.read.query({ federation, round, topic, after: opts.after ?? 0, waitMs: opts.waitMs ?? 0 }, { signal }));
      return messages.map((m) => ({ ...m, body: new Uint8Array(Buffer.from(m.body, 'base64')) }));
    },
  });

  /** Ignores a CONFLICT answer: the round moved on while this node worked, which is the coordinator's call. */
  const unlessConflict = async (fn: () => Promise<unknown>): Promise<boolean> => {
    try {
      await fn();
      return true;
    } catch (error) {
      if (httpStatusOf(error) === 409) return false;
      throw error;
    }
  };

  const fit = async (view: Extract<RoundView, { phase: 'fit' }>) => {
    const round = view.round;
    let pending = outbox.get(round);
    const resent = pending !== undefined;
    const context: TransformContext = { federation, round, region, participants: view.participants, channel: channelFor(round), signal };
    if (!pending) {
      const global = await fetchModel(view.modelHash);
      emit({ type: 'training', round, modelHash: view.modelHash });
      try {
        const result = await options.trainer(global, view.config, { federation, round, modelHash: view.modelHash, signal });
        const envelope = await applyUpdateTransforms(envelopeOfFitResult({ ...result, region }, { federation, round }), transforms, context);
        pending = { update: toWireUpdate(envelope), bytes: Object.values(envelope.tensors).reduce((n, t) => n + t.length, 0) };
      } catch (error) {
        if (!isMeridianError(error) || signal.aborted) throw error;
        pending = { failure: error.code.toLowerCase() };
      }
      outbox.set(round, pending);
      for (const r of outbox.keys()) if (r < round) outbox.delete(r);
    }
    if ('failure' in pending) {
      const reason = pending.failure;
      if (await unlessConflict(() => call(() => client.round.fail.mutate({ federation, round, reason }, { signal })))) {
        entry(round).failure = reason;
        emit({ type: 'failure_reported', round, reason });
      }
      return;
    }
    const { update, bytes } = pending;
    const accepted = await unlessConflict(() => call(() => client.round.submit.mutate(update, { signal })));
    if (!accepted) return;
    entry(round).submitted = true;
    emit({ type: 'submitted', round, numExamples: update.numExamples, bytes, resent });
    for (const t of transforms) if (t.afterSend) await t.afterSend(context);
  };

  const evaluate = async (view: Extract<RoundView, { phase: 'evaluate' }>) => {
    const round = view.round;
    await deliver(round, view.modelHash);
    let done = reports.get(round);
    if (!done || done.modelHash !== view.modelHash) {
      const weights = await fetchModel(view.modelHash);
      const report = options.evaluator ? await options.evaluator(weights, { federation, round, modelHash: view.modelHash }) : { numExamples: 0, metrics: {} };
      done = { modelHash: view.modelHash, report };
      reports.clear();
      reports.set(round, done);
    }
    const { report } = done;
    if (await unlessConflict(() => call(() => client.round.evaluate.mutate({ federation, round, modelHash: view.modelHash, numExamples: report.numExamples, metrics: report.metrics }, { signal })))) {
      entry(round).evaluated = true;
      emit({ type: 'evaluated', round, modelHash: view.modelHash, metrics: report.metrics });
    }
  };

  let known: string | undefined;
  for (;;) {
    signal.throwIfAborted();
    const view = await call(() => client.round.poll.query({ federation, known, waitMs: pollWaitMs }, { signal }));
    known = view.version;
    if (view.phase === 'finished') {
      await deliver(view.round, view.modelHash);
      summary.round = view.round;
      summary.modelHash = view.modelHash;
      emit({ type: 'finished', round: view.round, modelHash: view.modelHash });
      return summary;
    }
    if (view.phase === 'fit' && !view.submitted) await fit(view);
    else if (view.phase === 'evaluate' && !view.evaluated) await evaluate(view);
  }
}

/** The HTTP status of a tRPC error answer, if the server answered at all. */
function httpStatusOf(error: unknown): number | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const status = (error.data as { httpStatus?: unknown } | undefined)?.httpStatus;
  return typeof status === 'number' ? status : undefined;
}

/** No answer from the server (refused, reset, TLS torn down), or a 502/503 from something in between. */
function isTransportError(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const status = httpStatusOf(error);
  return status === undefined || status === 502 || status === 503 || status === 504;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
