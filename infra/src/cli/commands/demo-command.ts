import { Command, Option } from 'commander';
import { REGIONS } from '@meridian/core/policy/region-profile.ts';
import { writeDemoNdjson } from '../../demo/index.ts';

export function demoCommand(): Command {
  const generate = new Command('generate')
    .description('Write demo ingest records (synthetic customers, real messages from shared/data) as NDJSON')
    .requiredOption('--out <file>', 'output file')
    .option('--count <n>', 'records to write', (v) => Number(v), 10_000)
    .addOption(new Option('--region <region>', 'only this region (default: all three)').choices(REGIONS))
    .option('--malformed-every <n>', 'make every n-th line malformed (to exercise import error reporting)', (v) => Number(v))
    .option('--seed <seed>', 'same seed, same records', 'meridian-demo')
    .action(async (opts) => {
      const s = await writeDemoNdjson(opts.out, {
        count: opts.count,
        now: new Date(),
        seed: opts.seed,
        regions: opts.region ? [opts.region] : undefined,
        malformedEvery: opts.malformedEvery,
      });
      console.log(`${opts.out}: ${s.lines} lines, ${(s.bytes / 2 ** 20).toFixed(1)} MiB, ${s.malformed.length} malformed${s.malformed.length ? ` (lines ${s.malformed.slice(0, 5).map((m) => m.line).join(", ")}${s.malformed.length > 5 ? ", ..." : ""})` : ""}`);
    });
  return new Command('demo').description('Demo data: synthetic customers with real messages from shared/data').addCommand(generate);
}
