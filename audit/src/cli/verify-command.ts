import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { verifyBundle } from '../verify/verify-bundle.ts';
import { formatVerdict } from '../verify/format-verdict.ts';
import { readTrustFile } from '../verify/read-trust-file.ts';
import type { TrustPolicy } from '../verify/trust-policy.ts';

/** Where the command writes; tests capture it, the CLI uses the process streams. */
export interface VerifyCommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Receives the exit code: 0 verified, 1 a check failed, 2 the files could not be read. */
  exit: (code: number) => void;
}

const processIo: VerifyCommandIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  exit: (code) => {
    process.exitCode = code;
  },
};

/**
 * `meridian verify BUNDLE [--trust FILE] [--json]`: checks an evidence bundle
 * offline and prints a verdict an auditor can read. Exits 0 only when every
 * check passed; 1 when any failed; 2 when a file cannot be read.
 *
 * @example
 * program.addCommand(verifyCommand());
 * // $ meridian verify req-42.meridian-evidence.json --trust federation-trust.json
 */
export function verifyCommand(io: VerifyCommandIo = processIo): Command {
  return new Command('verify')
    .description('check an evidence bundle offline against the federation’s public keys')
    .argument('<bundle>', 'evidence bundle file (JSON)')
    .option('--trust <file>', 'trust file: the logs’ and witnesses’ public keys (meridian-trust/v1 JSON)')
    .option('--json', 'print the verdict as JSON instead of a report')
    .action((bundlePath: string, opts: { trust?: string; json?: boolean }) => {
      let bundle: unknown;
      let trust: TrustPolicy | undefined;
      try {
        bundle = JSON.parse(readFileSync(bundlePath, 'utf8'));
      } catch (e) {
        io.err(`Cannot read the evidence bundle ${bundlePath}: ${(e as Error).message}\n`);
        return io.exit(2);
      }
      try {
        if (opts.trust) trust = readTrustFile(readFileSync(opts.trust, 'utf8'));
      } catch (e) {
        io.err(`Cannot read the trust file ${opts.trust}: ${(e as Error).message}\n`);
        return io.exit(2);
      }
      const verdict = verifyBundle(bundle, trust);
      io.out(opts.json ? `${JSON.stringify(verdict, null, 2)}\n` : formatVerdict(verdict));
      io.exit(verdict.ok ? 0 : 1);
    });
}
