import { describe, it, expect } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, freshDatabase } from '../../test/databases.ts';

describe.each(DIALECTS)('openDatabase on %s', (dialect) => {
  it('returns numbers for int8 and Uint8Array for bytea on both engines', async () => {
    const t = await freshDatabase(dialect);
    try {
      const r = await sql<{ n: number; b: Uint8Array }>`select 9007199254740::int8 as n, '\\x0102ff'::bytea as b`.execute(t.db);
      expect(r.rows[0]!.n).toBe(9007199254740);
      expect(Array.from(r.rows[0]!.b)).toEqual([1, 2, 255]);
      const tables = await t.db.introspection.getTables();
      expect(tables.map((x) => x.name)).toContain('subjects');
    } finally {
      await t.close();
    }
  });
});
