import { sql, type Kysely } from 'kysely';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { ConsoleDatabase } from './console-schema.ts';

const DAY_MS = 86_400_000;

/** An analyst's ε over the last 24 hours. */
export interface BudgetState {
  daily: number;
  spent: number;
  remaining: number;
}

/**
 * What an analyst has spent of their daily ε (a rolling 24 hours).
 *
 * @example
 * const { remaining } = await budgetOf(db, userId, 3, new Date());
 */
export async function budgetOf(db: Kysely<ConsoleDatabase>, userId: string, daily: number, now: Date): Promise<BudgetState> {
  const row = await db
    .selectFrom('dp_budget_ledger')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('epsilon'), sql<number>`0`).as('spent'))
    .where('user_id', '=', userId)
    .where('spent_at', '>', new Date(now.getTime() - DAY_MS))
    .executeTakeFirstOrThrow();
  const spent = Number(row.spent);
  return { daily, spent, remaining: Math.max(0, daily - spent) };
}

/**
 * Charges `epsilon` to the analyst before a DP release is asked for, or
 * refuses with BUDGET_EXCEEDED (422) when it would take them past their daily
 * ε. Charges of one analyst are serialised (an advisory lock in the charging
 * transaction), so two tabs cannot both spend the last of it. Returns the
 * ledger row id, to attach the released answer to, or to refund when the
 * release failed and nothing was learned.
 *
 * @example
 * const id = await chargeBudget(db, userId, 'traffic:eu', 0.4, 3, new Date());
 */
export async function chargeBudget(db: Kysely<ConsoleDatabase>, userId: string, query: string, epsilon: number, daily: number, now: Date): Promise<number> {
  if (!(epsilon > 0)) throw new MeridianError('BAD_INPUT', 'a release costs a positive ε', { epsilon });
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`dp-budget:${userId}`}))`.execute(trx);
    const { spent } = await budgetOf(trx, userId, daily, now);
    if (spent + epsilon > daily + 1e-9) {
      throw new MeridianError('BUDGET_EXCEEDED', 'this release would exceed your daily privacy budget', { spent, epsilon, daily });
    }
    const row = await trx.insertInto('dp_budget_ledger').values({ user_id: userId, query, epsilon, spent_at: now }).returning('id').executeTakeFirstOrThrow();
    return Number(row.id);
  });
}

/** Stores the released answer with its charge (shown again later at no cost). */
export async function recordRelease(db: Kysely<ConsoleDatabase>, id: number, answer: unknown): Promise<void> {
  await db.updateTable('dp_budget_ledger').set({ answer: JSON.stringify(answer) }).where('id', '=', id).execute();
}

/** Gives back a charge whose release failed (the node answered nothing, so nothing was learned). */
export async function refundCharge(db: Kysely<ConsoleDatabase>, id: number): Promise<void> {
  await db.deleteFrom('dp_budget_ledger').where('id', '=', id).where('answer', 'is', null).execute();
}

/**
 * The analyst's latest released answer per query (already noisy).
 *
 * @example
 * const last = await latestReleases(db, userId, ['traffic:eu']);
 */
export async function latestReleases(db: Kysely<ConsoleDatabase>, userId: string, queries: readonly string[]): Promise<Map<string, { answer: unknown; epsilon: number; at: Date }>> {
  if (queries.length === 0) return new Map();
  const rows = await db
    .selectFrom('dp_budget_ledger')
    .select(['query', 'answer', 'epsilon', 'spent_at'])
    .where('user_id', '=', userId)
    .where('query', 'in', [...queries])
    .where('answer', 'is not', null)
    .orderBy('spent_at', 'desc')
    .execute();
  const out = new Map<string, { answer: unknown; epsilon: number; at: Date }>();
  for (const r of rows) if (!out.has(r.query)) out.set(r.query, { answer: JSON.parse(r.answer!), epsilon: r.epsilon, at: new Date(r.spent_at) });
  return out;
}
