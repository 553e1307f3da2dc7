import { describe, expect, it } from 'vitest';
import { planUnlearning, type UnlearningPlanInput } from '../../src/unlearning/plan-unlearning.ts';
import type { HistoricRound } from '../../src/unlearning/historic-round.ts';

const config = { round: 0, localEpochs: 1, learningRate: 0.03, proximalMu: 0, batchSize: 8 };
const h = (n: number) => String(n).repeat(64).slice(0, 64);
/** Rounds 1..4 chaining models h(0) → h(1) → … ; round 2 dropped `sea`, round 3 failed. */
const history: HistoricRound[] = [
  { round: 1, status: 'closed', strategy: 'fedavg', config, invited: ['eu', 'sea'], contributors: ['eu', 'sea'], modelIn: h(0), modelOut: h(1) },
  { round: 2, status: 'closed', strategy: 'fedavg', config, invited: ['eu', 'sea'], contributors: ['eu'], modelIn: h(1), modelOut: h(2) },
  { round: 3, status: 'failed', strategy: 'fedavg', config, invited: ['eu', 'sea'], contributors: [], modelIn: h(2), modelOut: null },
  { round: 4, status: 'closed', strategy: 'fedavg', config, invited: ['eu', 'sea'], contributors: ['eu', 'sea'], modelIn: h(2), modelOut: h(4) },
];
const base: Omit<UnlearningPlanInput, 'affected'> = { history, checkpoint: { round: 4, modelHash: h(4) }, statefulStrategy: false };

describe('planning an unlearning (rollback and retrain forward)', () => {
  it('rolls back to the model before the earliest round whose aggregate took the data, and replays up to the checkpoint', () => {
    const plan = planUnlearning({ ...base, affected: [{ region: 'eu', rounds: [2, 4] }] });
    expect(plan).toMatchObject({ kind: 'rollback', affectedRounds: [2, 4], rolledBackTo: 1, startModel: h(1), toRound: 4, previousModel: h(4) });
    expect(plan.kind === 'rollback' && plan.replay.map((r) => r.round)).toEqual([2, 3, 4]);
    expect(planUnlearning({ ...base, affected: [{ region: 'sea', rounds: [1, 4] }] })).toMatchObject({ kind: 'rollback', rolledBackTo: 0, startModel: h(0) });
  });

  it('needs no retrain when no aggregated round took the data: the region dropped out, the round failed, or no round at all', () => {
    // sea trained in round 2 but its update was not aggregated; round 3 failed; round 9 never existed.
    expect(planUnlearning({ ...base, affected: [{ region: 'sea', rounds: [2, 3] }] })).toEqual({ kind: 'not_needed', reason: 'no_aggregated_round' });
    expect(planUnlearning({ ...base, affected: [{ region: 'eu', rounds: [3, 9] }] })).toEqual({ kind: 'not_needed', reason: 'no_aggregated_round' });
    expect(planUnlearning({ ...base, affected: [] })).toEqual({ kind: 'not_needed', reason: 'no_aggregated_round' });
  });

  it('the first affected round decides, whatever the order lineage lists them in', () => {
    const plan = planUnlearning({ ...base, affected: [{ region: 'eu', rounds: [4] }, { region: 'sea', rounds: [2, 1] }] });
    expect(plan).toMatchObject({ kind: 'rollback', affectedRounds: [1, 4], rolledBackTo: 0 });
  });

  it('waits while a round is not closed, and refuses a strategy whose server state cannot be rolled back', () => {
    const open: HistoricRound = { round: 5, status: 'open', strategy: 'fedavg', config, invited: ['eu', 'sea'], contributors: [], modelIn: h(4), modelOut: null };
    expect(planUnlearning({ ...base, history: [...history, open], affected: [{ region: 'eu', rounds: [1] }] })).toEqual({ kind: 'wait', reason: 'round_in_progress', round: 5 });
    // Evaluating: aggregated, but a restarted coordinator would resume its evaluation with the model a rollback replaces.
    const evaluating: HistoricRound = { ...open, status: 'evaluating', contributors: ['eu', 'sea'], modelOut: h(5) };
    expect(planUnlearning({ ...base, history: [...history, evaluating], affected: [{ region: 'eu', rounds: [1] }] })).toEqual({ kind: 'wait', reason: 'round_in_progress', round: 5 });
    expect(() => planUnlearning({ ...base, statefulStrategy: true, affected: [{ region: 'eu', rounds: [1] }] })).toThrow(expect.objectContaining({ code: 'CONFLICT', evidence: { reason: 'stateful_strategy' } }));
    // Stateful or not, nothing to undo is nothing to refuse.
    expect(planUnlearning({ ...base, statefulStrategy: true, affected: [{ region: 'sea', rounds: [2] }] }).kind).toBe('not_needed');
  });
});
