import type { DbOrTrx } from '@meridian/core/db/database.ts';
import type { FederationCheckpointRow } from '@meridian/core/db/schema/federation.table.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';

/**
 * The coordinator's checkpoint row per federation. `advance` moves it from
 * one round to the next only if it still stands at the round the caller
 * started from: a fencing check, so two coordinators on one database (or a
 * zombie after a failover) can never both commit the same round.
 */
export const checkpointRepository = {
  find(q: DbOrTrx, federation: string): Promise<FederationCheckpointRow | undefined> {
    return q.selectFrom('federation_checkpoints').selectAll().where('federation', '=', federation).executeTakeFirst();
  },

  async create(q: DbOrTrx, row: { federation: string; modelHash: string; strategy: string; strategyState: Uint8Array }): Promise<void> {
    await q
      .insertInto('federation_checkpoints')
      .values({ federation: row.federation, round: 0, model_hash: row.modelHash, strategy: row.strategy, strategy_state: row.strategyState })
      .execute();
  },

  async advance(q: DbOrTrx, move: { federation: string; fromRound: number; toRound: number; modelHash: string; strategyState: Uint8Array; at: Date }): Promise<void> {
    const result = await q
      .updateTable('federation_checkpoints')
      .set({ round: move.toRound, model_hash: move.modelHash, strategy_state: move.strategyState, updated_at: move.at })
      .where('federation', '=', move.federation)
      .where('round', '=', move.fromRound)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw new MeridianError('CONFLICT', `the ${move.federation} checkpoint is no longer at round ${move.fromRound}`, {
        reason: 'checkpoint_moved',
        federation: move.federation,
        expectedRound: move.fromRound,
      });
    }
  },
};
