import type { DbOrTrx } from '@meridian/core/db/database.ts';
import type { FederationRoundRow, RoundEvaluationJson } from '@meridian/core/db/schema/federation.table.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { FitConfig } from '../strategy/strategy.ts';

/**
 * Reads and writes of `federation_rounds`. Every function takes `db | trx`
 * first so a round's change commits with the model and checkpoint it goes
 * with; every status change names the status it expects to leave, so a
 * stale writer (a second coordinator, a replayed step) changes nothing and
 * gets a `CONFLICT`.
 */
export const roundRepository = {
  /** The newest round of a federation, if any. */
  latest(q: DbOrTrx, federation: string): Promise<FederationRoundRow | undefined> {
    return q.selectFrom('federation_rounds').selectAll().where('federation', '=', federation).orderBy('round', 'desc').limit(1).executeTakeFirst();
  },

  list(q: DbOrTrx, federation: string): Promise<FederationRoundRow[]> {
    return q.selectFrom('federation_rounds').selectAll().where('federation', '=', federation).orderBy('round').execute();
  },

  async open(
    q: DbOrTrx,
    round: { federation: string; round: number; strategy: string; config: FitConfig; invited: readonly string[]; modelIn: string; openedAt: Date; deadlineAt: Date },
  ): Promise<void> {
    await q
      .insertInto('federation_rounds')
      .values({
        federation: round.federation,
        round: round.round,
        status: 'open',
        strategy: round.strategy,
        config: JSON.stringify(round.config),
        invited: JSON.stringify(round.invited),
        contributors: '[]',
        failures: '{}',
        example_counts: '{}',
        total_examples: 0,
        model_in: round.modelIn,
        model_out: null,
        evaluation: null,
        failure_reason: null,
        attempts: 1,
        ledger_index: null,
        aggregated_at: null,
        closed_at: null,
        opened_at: round.openedAt,
        deadline_at: round.deadlineAt,
      })
      .execute();
  },

  /** A fit phase restarted after a coordinator restart: one more attempt, a fresh deadline. */
  async reopen(q: DbOrTrx, key: RoundKey, deadlineAt: Date): Promise<number> {
    const row = await q
      .updateTable('federation_rounds')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), deadline_at: deadlineAt }))
      .where('federation', '=', key.federation)
      .where('round', '=', key.round)
      .where('status', '=', 'open')
      .returning('attempts')
      .executeTakeFirst();
    if (!row) throw conflict(key, 'open');
    return row.attempts;
  },

  /** The fit phase's outcome: `evaluating` with a new model, or `failed` with the model unchanged. */
  async settle(
    q: DbOrTrx,
    key: RoundKey,
    outcome: {
      status: 'evaluating' | 'failed';
      contributors: readonly string[];
      failures: Readonly<Record<string, string>>;
      exampleCounts: Readonly<Record<string, number>>;
      totalExamples: number;
      modelOut: string | null;
      failureReason: string | null;
      at: Date;
    },
  ): Promise<void> {
    const result = await q
      .updateTable('federation_rounds')
      .set({
        status: outcome.status,
        contributors: JSON.stringify(outcome.contributors),
        failures: JSON.stringify(outcome.failures),
        example_counts: JSON.stringify(outcome.exampleCounts),
        total_examples: outcome.totalExamples,
        model_out: outcome.modelOut,
        failure_reason: outcome.failureReason,
        aggregated_at: outcome.at,
        ...(outcome.status === 'failed' ? { closed_at: outcome.at } : {}),
      })
      .where('federation', '=', key.federation)
      .where('round', '=', key.round)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw conflict(key, 'open');
  },

  async setLedgerIndex(q: DbOrTrx, key: RoundKey, ledgerIndex: number): Promise<void> {
    await q.updateTable('federation_rounds').set({ ledger_index: ledgerIndex }).where('federation', '=', key.federation).where('round', '=', key.round).execute();
  },

  /** A fresh evaluation deadline after a coordinator restart. */
  async extendEvaluation(q: DbOrTrx, key: RoundKey, deadlineAt: Date): Promise<void> {
    await q.updateTable('federation_rounds').set({ deadline_at: deadlineAt }).where('federation', '=', key.federation).where('round', '=', key.round).where('status', '=', 'evaluating').execute();
  },

  async close(q: DbOrTrx, key: RoundKey, evaluation: RoundEvaluationJson, at: Date): Promise<void> {
    const result = await q
      .updateTable('federation_rounds')
      .set({ status: 'closed', evaluation: JSON.stringify(evaluation), closed_at: at })
      .where('federation', '=', key.federation)
      .where('round', '=', key.round)
      .where('status', '=', 'evaluating')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw conflict(key, 'evaluating');
  },
};

/** Identifies a round. */
export interface RoundKey {
  federation: string;
  round: number;
}

function conflict(key: RoundKey, expected: string): MeridianError {
  return new MeridianError('CONFLICT', `round ${key.round} of ${key.federation} is no longer ${expected}`, { reason: 'round_state_changed', federation: key.federation, round: key.round, expected });
}
