import type { TableEntry } from '@meridian/core/catalog/catalog.ts';
import type { ErasureRule } from '@meridian/core/catalog/data-class.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';

/** What erasing a subject does to one table. */
export type ErasureAction =
  /** The subject's wrapped data key: deleted first, so every copy of their ciphertext is unreadable from then on. */
  | { kind: 'destroy_key'; table: string; column: string }
  /** Rows about the subject, found by `column` = subject id, or through `via` (column references `via.table`.id of the subject's rows). */
  | { kind: 'delete_rows'; table: string; column: string; via?: { table: string; column: string } }
  /** Commitment salts: deleted through the ledger's own repository, leaving the leaves unlinkable. */
  | { kind: 'forget_salts'; table: string }
  /** The execution queue: the job's row is deleted with the request's completion. */
  | { kind: 'finish_job'; table: string }
  /** Kept on purpose and unlinkable once the above is done (ledger leaves, tombstones). */
  | { kind: 'keep_unlinked'; table: string }
  /** Holds nothing about a person. */
  | { kind: 'none'; table: string };

export interface ErasurePlan {
  /** Run in this order: key, rows (children before parents, `subjects` last), salts. */
  actions: ErasureAction[];
  /** For every catalogued column: its rule and the action that honours it. */
  coverage: { table: string; column: string; rule: ErasureRule; action: ErasureAction['kind'] }[];
}

/** Tables whose erasure is not a plain delete, each with its own action (an explicit map, no conventions hidden in code). */
const SPECIAL: Record<string, ErasureAction['kind']> = {
  subject_keys: 'destroy_key',
  ledger_salts: 'forget_salts',
  rights_jobs: 'finish_job',
};
const ROOT = 'subjects';

/**
 * Plans a subject's erasure from the data catalog alone: which tables hold them,
 * by which column, and what each column's erasure rule asks. Pure (no I/O), so
 * it is tested without a database and a new table cannot be forgotten: a
 * personal table the plan cannot link to a subject makes it throw.
 *
 * @example
 * const plan = planErasure(CATALOG);
 * plan.actions[0]; // { kind: 'destroy_key', table: 'subject_keys', column: 'subject_id' }
 */
export function planErasure(catalog: Readonly<Record<string, TableEntry>>): ErasurePlan {
  const keys: ErasureAction[] = [];
  const viaDeletes: ErasureAction[] = [];
  const directDeletes: ErasureAction[] = [];
  const rest: ErasureAction[] = [];
  const byTable = new Map<string, ErasureAction>();
  for (const [table, entry] of Object.entries(catalog)) {
    const rules = Object.values(entry.columns).map((c) => c.erasure);
    const personal = rules.some((r) => r === 'delete_row' || r === 'destroy_key');
    let action: ErasureAction;
    const special = SPECIAL[table];
    if (special === 'destroy_key') action = { kind: 'destroy_key', table, column: entry.subjectColumn ?? 'subject_id' };
    else if (special === 'forget_salts' || special === 'finish_job') action = { kind: special, table };
    else if (personal) {
      const col = entry.subjectColumn;
      if (!col) throw new MeridianError('INTERNAL', `catalog table ${table} holds personal data but names no subject column`, { table });
      if (table === ROOT || col === 'subject_id') action = { kind: 'delete_rows', table, column: col };
      else {
        // `message_id` → the `messages` table, itself linked by subject_id.
        const parent = col.endsWith('_id') ? `${col.slice(0, -3)}s` : '';
        if (catalog[parent]?.subjectColumn !== 'subject_id') {
          throw new MeridianError('INTERNAL', `cannot link ${table}.${col} to a subject: no catalogued table ${parent || '?'} with a subject_id`, { table, column: col });
        }
        action = { kind: 'delete_rows', table, column: col, via: { table: parent, column: 'subject_id' } };
      }
    } else action = rules.includes('unlink') ? { kind: 'keep_unlinked', table } : { kind: 'none', table };
    byTable.set(table, action);
    if (action.kind === 'destroy_key') keys.push(action);
    else if (action.kind === 'delete_rows') (action.via ? viaDeletes : table === ROOT ? rest : directDeletes).push(action);
  }
  const root = rest;
  const actions: ErasureAction[] = [
    ...keys,
    ...viaDeletes,
    ...directDeletes,
    ...root,
    ...[...byTable.values()].filter((a) => a.kind === 'forget_salts'),
    ...[...byTable.values()].filter((a) => a.kind === 'finish_job'),
    ...[...byTable.values()].filter((a) => a.kind === 'keep_unlinked' || a.kind === 'none'),
  ];
  const coverage = Object.entries(catalog).flatMap(([table, entry]) =>
    Object.entries(entry.columns).map(([column, c]) => ({ table, column, rule: c.erasure, action: byTable.get(table)!.kind })),
  );
  return { actions, coverage };
}
