import { describe, it, expect } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, freshDatabase } from '../../../test/databases.ts';
import { CATALOG } from './catalog.ts';
import { DATA_CLASSES, ERASURE_RULES, PURPOSES } from './data-class.ts';

describe.each(DIALECTS)('data catalog against the %s schema', (dialect) => {
  it('knows every column of every table, and nothing that is not there', async () => {
    const t = await freshDatabase(dialect);
    try {
      const cols = await sql<{ t: string; c: string }>`
        select table_name as t, column_name as c from information_schema.columns
        where table_schema = 'public' and table_name not like 'kysely_%'`.execute(t.db);
      const inDb = cols.rows.map((r) => `${r.t}.${r.c}`).sort();
      const inCatalog = Object.entries(CATALOG).flatMap(([tn, te]) => Object.keys(te.columns).map((c) => `${tn}.${c}`)).sort();
      expect(inDb.filter((x) => !inCatalog.includes(x)), 'columns missing from the catalog').toEqual([]);
      expect(inCatalog.filter((x) => !inDb.includes(x)), 'catalog entries with no column').toEqual([]);
    } finally {
      await t.close();
    }
  });
});

describe('catalog entries', () => {
  it('use only known classes, purposes and erasure rules, and link personal tables to a subject', () => {
    for (const [table, entry] of Object.entries(CATALOG)) {
      for (const [col, c] of Object.entries(entry.columns)) {
        expect(DATA_CLASSES, `${table}.${col}`).toContain(c.class);
        expect(ERASURE_RULES, `${table}.${col}`).toContain(c.erasure);
        for (const p of c.purposes) expect(PURPOSES).toContain(p);
        if (c.erasure === 'delete_row' || c.erasure === 'destroy_key') expect(entry.subjectColumn, `${table} holds personal data`).toBeDefined();
      }
    }
  });

  it('marks every direct identifier, contact and free text column as encrypted', () => {
    for (const [table, entry] of Object.entries(CATALOG)) {
      for (const [col, c] of Object.entries(entry.columns)) {
        if (['direct_identifier', 'contact', 'free_text'].includes(c.class)) expect(c.encrypted, `${table}.${col}`).toBe(true);
      }
    }
  });
});
