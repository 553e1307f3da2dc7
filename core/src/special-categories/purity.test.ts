import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The detector runs inside the ingestion transaction and in tests without
// I/O; keep it a pure module. Test files may read data; the code may not.
describe('special-categories is pure', () => {
  it('imports nothing from node:, no database, no clock', () => {
    const dir = import.meta.dirname;
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const src = readFileSync(join(dir, f), 'utf8');
      expect(src, f).not.toMatch(/from ['"](node:|fs|path|pg|kysely|@electric-sql)/);
      expect(src, f).not.toMatch(/\b(Date\.now|new Date|Math\.random|process\.)/);
    }
  });
});
