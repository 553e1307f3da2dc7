import { sql } from 'kysely';
import type { DbOrTrx } from '@meridian/core/db/database.ts';
import type { FederationUnlearningRunsTable } from '@meridian/core/db/schema/unlearning.table.ts';
import type { Selectable } from 'kysely';
import type { FitConfig } from '../strategy/strategy.ts';
import type { HistoricRound } from './historic-round.ts';

export type FederationUnlearningRun = Selectable<FederationUnlearningRunsTable>;
type RetrainedRound = FederationUnlearningRun['rounds'][number];

/**
 * The coordinator-side record of unlearning: each rollback-and-retrain run
 * (`federation_unlearning_runs`) and the federation's effective history,
 * i.e. its round rows with the models of committed runs in place of those
 * they replaced. Functions take `db | trx`.
 */
export const federationHistory = {
  /** Every round, in order, as it stands after all committed runs. */
  async effective(q: DbOrTrx, federation: string): Promise<HistoricRound[]> {
    const rows = await q.selectFrom('federation_rounds').selectAll().where('federation', '=', federation).orderBy('round').execute();
    const runs = await q.selectFrom('federation_unlearning_runs').select(['rounds']).where('federation', '=', federation).where('status', '=', 'committed').orderBy('generation').execute();
    const replaced = new Map<number, RetrainedRound>();
    for (const run of runs) for (const r of run.rounds) replaced.set(r.round, r);
    return rows.map((r) => {
      const o = replaced.get(r.round);
      return {
        round: r.round,
        status: r.status,
        strategy: r.strategy,
        config: r.config as unknown as FitConfig,
        invited: r.invited,
        contributors: r.contributors,
        modelIn: o ? o.modelIn : r.model_in,
        modelOut: o ? o.modelOut : r.model_out,
      };
    });
  },

  find(q: DbOrTrx, federation: string, runId: string): Promise<FederationUnlearningRun | undefined> {
    return q.selectFrom('federation_unlearning_runs').selectAll().where('federation', '=', federation).where('run_id', '=', runId).executeTakeFirst();
  },

  async start(q: DbOrTrx, run: { federation: string; runId: string; rolledBackTo: number; toRound: number; previousModelHash: string; at: Date }): Promise<FederationUnlearningRun> {
    const { n } = await q
      .selectFrom('federation_unlearning_runs')
      .select((eb) => eb.fn.coalesce(eb.fn.max('generation'), sql<number>`0`).as('n'))
      .where('federation', '=', run.federation)
      .executeTakeFirstOrThrow();
    return q
      .insertInto('federation_unlearning_runs')
      .values({
        federation: run.federation,
        generation: Number(n) + 1,
        run_id: run.runId,
        status: 'retraining',
        rolled_back_to: run.rolledBackTo,
        to_round: run.toRound,
        previous_model_hash: run.previousModelHash,
        model_hash: null,
        rounds: '[]',
        started_at: run.at,
        committed_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  /** Appends one retrained round (idempotent: a round already recorded is left as is). */
  async appendRound(q: DbOrTrx, federation: string, runId: string, round: RetrainedRound): Promise<void> {
    await sql`update federation_unlearning_runs set rounds = rounds || ${JSON.stringify([round])}::jsonb
      where federation = ${federation} and run_id = ${runId} and status = 'retraining'
        and not exists (select 1 from jsonb_array_elements(rounds) e where (e->>'round')::int = ${round.round})`.execute(q);
  },

  async commit(q: DbOrTrx, federation: string, runId: string, modelHash: string, at: Date): Promise<void> {
    await q.updateTable('federation_unlearning_runs').set({ status: 'committed', model_hash: modelHash, committed_at: at }).where('federation', '=', federation).where('run_id', '=', runId).where('status', '=', 'retraining').execute();
  },

  /** Drops an uncommitted run whose starting point moved (new rounds ran, or another run committed). */
  async discard(q: DbOrTrx, federation: string, runId: string): Promise<void> {
    await q.deleteFrom('federation_unlearning_runs').where('federation', '=', federation).where('run_id', '=', runId).where('status', '=', 'retraining').execute();
  },
};
