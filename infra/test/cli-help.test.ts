import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const CLI = resolve(import.meta.dirname, '../src/cli/meridian.ts');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' } });

/** Every command and subcommand the top-level help lists, found by walking the help output. */
function commands(prefix: string[] = []): string[][] {
  const out = run(...prefix, '--help').stdout;
  const section = out.split(/\nCommands:\n/)[1] ?? '';
  const names = section
    .split('\n')
    .map((l) => /^ {2}([a-z][a-z-]*)/.exec(l)?.[1])
    .filter((n): n is string => !!n && n !== 'help');
  return names.flatMap((n) => [[...prefix, n], ...commands([...prefix, n])]);
}

describe('meridian CLI', () => {
  it('answers --help on every command and subcommand, with a description', () => {
    const all = commands();
    expect(all.map((c) => c.join(' '))).toEqual(expect.arrayContaining(['start', 'node', 'import', 'train', 'classify', 'verify', 'ledger export', 'keys rotate', 'retention run', 'demo generate']));
    for (const c of all) {
      const r = run(...c, '--help');
      expect(r.status, c.join(' ')).toBe(0);
      expect(r.stdout, c.join(' ')).toMatch(/^Usage: meridian /);
      expect(r.stdout.split('\n')[2]?.trim().length, `${c.join(' ')} has a description`).toBeGreaterThan(10);
    }
  }, 120_000);

  it('refuses an unknown command or a bad option value with a non-zero exit and a message', () => {
    const unknown = run('frobnicate');
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toMatch(/unknown command/);
    const bad = run('import', '--region', 'mars', 'x.ndjson');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/Allowed choices are eu, sea, me/);
  });
});
