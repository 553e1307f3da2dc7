import type { Kysely } from 'kysely';
import type { Database } from '@meridian/core/db/database.ts';

/** What the console's training page shows of one federated round: aggregates only, no personal data. */
export interface TrainingRoundSummary {
  task: string;
  round: number;
  status: string;
  contributors: string[];
  modelOut: string | null;
  closedAt: string | null;
  /** Evaluation of the round's model per region (accuracy, macro-F1, loss… as the regions reported them). */
  metrics: Record<string, Record<string, number>>;
  /** ε each region spent in the round, when the round ran with subject-level DP (from its ledger entry). */
  epsilon: Record<string, number>;
}

/**
 * The coordinator's round history, read from its database at launch for its
 * status page: per round and region, the evaluation metrics and the ε spent.
 *
 * @example
 * const rounds = await trainingHistory(store.database.db);
 */
export async function trainingHistory(db: Kysely<Database>): Promise<TrainingRoundSummary[]> {
  const rows = await db
    .selectFrom('federation_rounds')
    .select(['federation', 'round', 'status', 'contributors', 'model_out', 'closed_at', 'evaluation'])
    .orderBy('federation')
    .orderBy('round')
    .execute();
  const leaves = await db.selectFrom('ledger_entries').select(['ref_id', 'leaf']).where('ref_id', 'like', '%:round:%').execute();
  const epsilonOf = new Map<string, Record<string, number>>();
  for (const l of leaves) {
    const meta = (JSON.parse(new TextDecoder().decode(l.leaf)) as { meta?: { epsilon?: unknown } }).meta;
    if (typeof meta?.epsilon !== 'string') continue;
    epsilonOf.set(l.ref_id, Object.fromEntries(meta.epsilon.split(',').map((p) => p.split(':')).map(([r, e]) => [r!, Number(e)])));
  }
  return rows.map((r) => ({
    task: r.federation,
    round: r.round,
    status: r.status,
    contributors: r.contributors,
    modelOut: r.model_out,
    closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
    metrics: Object.fromEntries(Object.entries(r.evaluation?.regions ?? {}).map(([region, e]) => [region, e.metrics])),
    epsilon: epsilonOf.get(`${r.federation}:round:${r.round}`) ?? {},
  }));
}
