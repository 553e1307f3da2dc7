import { Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import { REGIONS, type Region } from '@meridian/core/policy/region-profile.ts';
import { TASK_NAMES, type TaskName } from '@meridian/federation/data/index.ts';
import { localCertificateAuthority } from '../../launcher/local-certificates.ts';
import { openCoordinatorStore } from '../../federation/open-coordinator-store.ts';
import { coordinatorDir, trainLocalFederation, type FederationProgress } from '../../federation/train-local-federation.ts';

const pct = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '  -  ' : `${(100 * x).toFixed(1)}%`);

export function trainCommand(): Command {
  return new Command('train')
    .description('Run federated rounds: a coordinator and the eu, sea and me nodes on this machine over mTLS; each region trains on its own data and only model updates leave it')
    .option('--rounds <n>', 'rounds to run now (continues from the last checkpoint)', (v) => Number(v), 3)
    .option('--tasks <list>', `comma-separated, of ${TASK_NAMES.join(', ')}`, (v) => v.split(',') as TaskName[], ['intent', 'sentiment', 'emotion'] as TaskName[])
    .addOption(new Option('--engine <engine>', 'training engine').choices(['tfjs', 'reference']).default('tfjs'))
    .option('--max-train <n>', 'cap training rows per data source (faster rounds)', (v) => Number(v))
    .option('--data-dir <dir>', 'the launcher data directory', '.data')
    .action(async (opts) => {
      for (const t of opts.tasks) if (!TASK_NAMES.includes(t)) throw new Error(`unknown task ${t}; known: ${TASK_NAMES.join(', ')}`);
      process.env.LOG_LEVEL ??= 'warn';
      const store = await openCoordinatorStore(coordinatorDir(opts.dataDir));
      const bars = new cliProgress.MultiBar(
        { format: ' {task} {region} [{bar}] round {value}/{total} {phase} | acc {acc} F1 {f1}', stream: process.stderr, noTTYOutput: !process.stderr.isTTY, notTTYSchedule: 10_000, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      const barOf = new Map<string, cliProgress.SingleBar>();
      const perRound = new Map<string, Partial<Record<Region, FederationProgress['metrics']>>>();
      const onProgress = (p: FederationProgress) => {
        const key = `${p.task}/${p.region}`;
        let bar = barOf.get(key);
        if (!bar) barOf.set(key, (bar = bars.create(p.totalRounds, p.round - 1, { task: p.task.padEnd(9), region: p.region.padEnd(3), phase: '', acc: pct(undefined), f1: pct(undefined) })));
        bar.setTotal(p.totalRounds);
        if (p.phase !== 'evaluated') {
          bar.update(p.round - 1, { phase: p.phase.padEnd(9) });
          return;
        }
        bar.update(p.round, { phase: 'evaluated', acc: pct(p.metrics?.accuracy), f1: pct(p.metrics?.macroF1) });
        const rk = `${p.task}#${p.round}`;
        const row = { ...perRound.get(rk), [p.region]: p.metrics };
        perRound.set(rk, row);
        if (REGIONS.every((r) => row[r])) {
          const line = `${p.task} round ${p.round}: ${REGIONS.map((r) => `${r} acc ${pct(row[r]!.accuracy)} macro-F1 ${pct(row[r]!.macroF1)}`).join(' | ')}`;
          // Above the live bars on a terminal; as plain lines on stdout otherwise.
          if (process.stderr.isTTY) bars.log(`${line}\n`);
          else console.log(line);
        }
      };
      try {
        const outcomes = await trainLocalFederation({
          dataDir: opts.dataDir,
          db: store.database.db,
          ledger: store.ledger,
          ca: localCertificateAuthority(opts.dataDir),
          tasks: opts.tasks,
          rounds: opts.rounds,
          engine: opts.engine,
          maxTrainPerSource: opts.maxTrain,
          onProgress,
        });
        bars.stop();
        console.log('\nmodels (content hash; classify with `meridian classify --model HASH`):');
        for (const o of outcomes) console.log(`  ${o.task.padEnd(9)} after round ${o.rounds}: ${o.modelHash}`);
        console.log(`coordinator ledger: ${await store.ledger.size()} entries (one per round)`);
      } finally {
        bars.stop();
        await store.close();
      }
    });
}
