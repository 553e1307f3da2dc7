import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const SRC = resolve(import.meta.dirname, '../src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return f.endsWith('.ts') && !f.endsWith('.test.ts') ? [p] : [];
  });
}

/** Every module a source file imports: relative ones resolved to paths under src/, bare ones as written. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)].map((m) => {
    const spec = m[1]!;
    return spec.startsWith('.') ? relative(SRC, resolve(dirname(file), spec)) : spec;
  });
}

const IO = /^(kysely|pg|@electric-sql\/.*|node:(fs|net|http|https|child_process|dgram|tls)|@hyperledger\/.*|@grpc\/.*|commander)$/;

describe('architecture', () => {
  it.each([
    ['merkle (proof maths)', 'merkle'],
    ['note (signed notes)', 'note'],
    ['checkpoint', 'checkpoint'],
    ['cosignature', 'cosignature'],
    ['proof (tlog-proof)', 'proof'],
  ])('%s is a pure core: no database, network, file or CLI imports', (_name, folder) => {
    const offenders = sources(join(SRC, folder)).flatMap((f) => importsOf(f).filter((i) => IO.test(i)).map((i) => `${relative(SRC, f)} → ${i}`));
    expect(offenders).toEqual([]);
  });

  it('the tile layout and append planner are pure; only the repositories touch SQL', () => {
    for (const f of ['ledger/postgres/tile-layout.ts', 'ledger/postgres/plan-tile-append.ts', 'ledger/encode-leaf.ts', 'ledger/decode-leaf.ts', 'ledger/commit-payload.ts']) {
      expect(importsOf(join(SRC, f)).filter((i) => IO.test(i)), f).toEqual([]);
    }
  });

  it('the offline verifier shares no code with the writer except the hashing primitives', () => {
    const shared = sources(join(SRC, 'verify')).flatMap((f) =>
      importsOf(f)
        .filter((i) => !i.startsWith('verify/') && !/^(zod|node:crypto)$/.test(i) && i !== '@meridian/core/errors/meridian-error.ts')
        .map((i) => `${relative(SRC, f)} → ${i}`),
    );
    expect(shared.map((s) => s.split(' → ')[1])).toEqual(shared.map(() => 'merkle/hashes.ts'));
  });

  it('the merkle core does not know about storage layout', () => {
    const offenders = sources(join(SRC, 'merkle')).flatMap((f) => importsOf(f).filter((i) => i.startsWith('ledger/')).map((i) => `${relative(SRC, f)} → ${i}`));
    expect(offenders).toEqual([]);
  });
});
