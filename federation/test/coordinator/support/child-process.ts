import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A fixture script running in a child process, with its stdout JSON events. */
export interface FixtureProcess {
  child: ChildProcess;
  events: Record<string, unknown>[];
  /** Resolves with the first event (seen or future) matching `match`. */
  waitFor(match: (e: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

/**
 * Runs `fixtures/<name>.ts` with Node (type stripping, the same binary as
 * the test) and a JSON config file. The child is a real OS process, so
 * `child.kill('SIGKILL')` is a `kill -9`.
 */
export function runFixture(name: string, config: unknown): FixtureProcess {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-fixture-'));
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config), { mode: 0o600 });
  const script = fileURLToPath(new URL(`../fixtures/${name}.ts`, import.meta.url));
  const child = spawn(process.execPath, [script, file], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'silent' } });
  const events: Record<string, unknown>[] = [];
  const listeners = new Set<() => void>();
  let buffered = '';
  let errors = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      try {
        events.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        errors += `${line}\n`;
      }
    }
    for (const l of [...listeners]) l();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  exited.then(() => {
    for (const l of [...listeners]) l();
  });
  let dead = false;
  void exited.then(() => (dead = true));
  return {
    child,
    events,
    exited,
    stderr: () => errors,
    waitFor(match, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (found) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(found);
          } else if (dead) {
            listeners.delete(check);
            clearTimeout(timer);
            reject(new Error(`fixture ${name} exited before the awaited event; stderr:\n${errors.slice(-2000)}`));
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`fixture ${name}: no matching event within ${timeoutMs} ms; saw ${events.map((e) => e.event).join(', ')}; stderr:\n${errors.slice(-2000)}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
  };
}
