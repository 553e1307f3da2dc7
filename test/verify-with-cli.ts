import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatTrustFile } from '../audit/src/trust/format-trust-file.ts';

const CLI = join(import.meta.dirname, '../infra/src/cli/meridian.ts');

/**
 * Runs `meridian verify BUNDLE --trust FILE` in a child process, as an auditor
 * would, on an evidence bundle and the keys it must be checked against.
 *
 * @example
 * const ok = verifyWithCli(cert.evidence, { logs: [keys.eu.log], witnesses: [keys.sea.witness], witnessQuorum: 1 });
 * expect(ok.stdout).toContain('RESULT: VERIFIED');
 */
export function verifyWithCli(evidence: unknown, trust: Parameters<typeof formatTrustFile>[0]): { stdout: string; stderr: string; status: number | null } {
  const dir = mkdtempSync(join(tmpdir(), 'verify-cli-'));
  writeFileSync(join(dir, 'trust.json'), formatTrustFile(trust));
  writeFileSync(join(dir, 'bundle.json'), JSON.stringify(evidence));
  const r = spawnSync(process.execPath, [CLI, 'verify', join(dir, 'bundle.json'), '--trust', join(dir, 'trust.json')], { encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}
