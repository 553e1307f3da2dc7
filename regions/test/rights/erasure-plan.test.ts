import { describe, it, expect } from 'vitest';
import { CATALOG } from '@meridian/core/catalog/catalog.ts';
import { planErasure } from '../../src/rights/erasure-plan.ts';
import { EXECUTED_ACTIONS } from '../../src/rights/erasure-executor.ts';

describe('erasure plan (pure, from the catalog)', () => {
  const plan = planErasure(CATALOG);

  it('gives every catalogued personal column a rule the executor handles: no table forgotten', () => {
    const personal = plan.coverage.filter((c) => c.rule === 'delete_row' || c.rule === 'destroy_key');
    expect(personal.length).toBeGreaterThan(20);
    for (const c of plan.coverage) expect(EXECUTED_ACTIONS, `${c.table}.${c.column}`).toContain(c.action);
    for (const c of personal) expect(['delete_rows', 'destroy_key', 'forget_salts', 'finish_job'], `${c.table}.${c.column}`).toContain(c.action);
    // Every table with a personal column is acted on.
    const tables = new Set(personal.map((c) => c.table));
    for (const t of tables) expect(plan.actions.find((a) => a.table === t)?.kind, t).not.toMatch(/^(none|keep_unlinked)$/);
    // Encrypted columns are shredded by the key, and their rows deleted too.
    for (const c of plan.coverage.filter((x) => x.rule === 'destroy_key')) expect(c.action, `${c.table}.${c.column}`).toBe('delete_rows');
    expect(plan.actions.some((a) => a.kind === 'destroy_key')).toBe(true);
  });

  it('destroys the key first, deletes children before parents and subjects last, then forgets salts', () => {
    const kinds = plan.actions.map((a) => a.kind);
    expect(plan.actions[0]).toEqual({ kind: 'destroy_key', table: 'subject_keys', column: 'subject_id' });
    const deletes = plan.actions.filter((a) => a.kind === 'delete_rows').map((a) => a.table);
    expect(deletes.at(-1)).toBe('subjects');
    expect(deletes.indexOf('messages')).toBeLessThan(deletes.indexOf('subjects'));
    expect(kinds.indexOf('forget_salts')).toBeGreaterThan(kinds.lastIndexOf('delete_rows'));
    expect(plan.actions.find((a) => a.table === 'ledger_entries')?.kind).toBe('keep_unlinked');
  });

  it('refuses a personal table it cannot link to a subject (a new table must be catalogued with its link)', () => {
    const bad = { ...CATALOG, orphan: { description: 'x', subjectColumn: 'owner_ref', columns: { owner_ref: { class: 'pseudonymous_id' as const, purposes: [], erasure: 'delete_row' as const, description: 'x' } } } };
    expect(() => planErasure(bad)).toThrow(/cannot link orphan/);
    const unlinked = { ...CATALOG, orphan: { description: 'x', columns: { v: { class: 'contact' as const, purposes: [], erasure: 'destroy_key' as const, description: 'x' } } } };
    expect(() => planErasure(unlinked)).toThrow(/names no subject column/);
  });
});
