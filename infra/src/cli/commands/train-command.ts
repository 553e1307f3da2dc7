import { Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import { REGIONS, type Region } from '@meridian/core/policy/region-profile.ts';
import { adaptationOf, TASK_NAMES, type TaskName } from '@meridian/federation/data/index.ts';
import { localCertificateAuthority } from '../../launcher/local-certificates.ts';
import { openCoordinatorStore } from '../../federation/open-coordinator-store.ts';
import { coordinatorDir, trainLocalFederation, type FederationProgress } from '../../federation/train-local-federation.ts';
import { openRegionStore, regionDir } from '../../federation/open-region-store.ts';
import { openRegionNode, type OpenedRegionNode } from '@meridian/regions/node/open-region-node.ts';
import { createLogger } from '@meridian/core/logging/create-logger.ts';
import type { OpenDatabase } from '@meridian/core/db/open-database.ts';
import { DEFAULT_DP_PLAN } from '@meridian/federation/privacy/default-dp-settings.ts';
import { summarizePrivacySpend } from '@meridian/federation/privacy/summarize-privacy-spend.ts';
import { databasePrivacySpendStore } from '@meridian/regions/training/privacy-spend.repository.ts';
import { privacyBudgetOf } from '../../federation/dp-region-trainer.ts';

const pct = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '  -  ' : `${(100 * x).toFixed(1)}%`);

export function trainCommand(): Command {
  return new Command('train')
    .description(
      `Run federated rounds: a coordinator and the eu, sea and me nodes on this machine over mTLS; each region trains on its own data and only model updates leave it. Then each region adapts the new ${TASK_NAMES.filter((t) => adaptationOf(t)).join(' and ')} models on its own data and keeps them in its own store (stop "meridian start" first: the embedded databases are single-process)`,
    )
    .option('--rounds <n>', 'rounds to run now (continues from the last checkpoint)', (v) => Number(v), 3)
    .option('--tasks <list>', `comma-separated, of ${TASK_NAMES.join(', ')}`, (v) => v.split(',') as TaskName[], ['intent', 'sentiment', 'emotion'] as TaskName[])
    .addOption(new Option('--engine <engine>', 'training engine').choices(['tfjs', 'reference']).default('tfjs'))
    .option('--max-train <n>', 'cap training rows per data source (faster rounds)', (v) => Number(v))
    .option('--data-dir <dir>', 'the launcher data directory', '.data')
    .option('--from-nodes', "train each region on its node's own labelled messages of customers with model_training consent (re-read every round; lineage recorded for withdrawal and unlearning); a region with fewer than --min-corpus such examples trains on its shared/data split", false)
    .option('--min-corpus <n>', 'with --from-nodes: labelled examples a node needs to train on its own data', (v) => Number(v), 200)
    .option('--dp', 'subject-level differential privacy in every region (DEFAULT_DP_PLAN; budget per model from the region profile; refused past it)', false)
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
      const adaptedLines: string[] = [];
      const onProgress = (p: FederationProgress) => {
        if (p.phase === 'spent' && p.privacy) {
          const line = `${p.task} ${p.region}: ε spent ${p.privacy.spent.toFixed(2)} of ${p.privacy.budget} (δ = ${p.privacy.delta}), remaining ${p.privacy.remaining.toFixed(2)}, after ${p.privacy.rounds} DP round(s)`;
          if (process.stderr.isTTY) bars.log(`${line}\n`);
          else console.log(line);
          return;
        }
        if (p.phase === 'adapted') {
          adaptedLines.push(`  ${p.task.padEnd(9)} ${p.region.padEnd(3)} adapted from round ${p.round}: ${p.modelHash}`);
          return;
        }
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
      const regionStores: Partial<Record<Region, OpenDatabase>> = {};
      const nodes: Partial<Record<Region, OpenedRegionNode>> = {};
      try {
        for (const region of REGIONS) regionStores[region] = await openRegionStore(opts.dataDir, region);
        // Nodes over the same stores: closing a node closes its store, so only one of the two is closed below.
        if (opts.fromNodes) for (const region of REGIONS) nodes[region] = await openRegionNode({ region, dataDir: regionDir(opts.dataDir, region), database: regionStores[region]!, logger: createLogger({ component: 'cli', region }) });
        const outcomes = await trainLocalFederation({
          dataDir: opts.dataDir,
          db: store.database.db,
          ledger: store.ledger,
          ca: localCertificateAuthority(opts.dataDir),
          tasks: opts.tasks,
          rounds: opts.rounds,
          engine: opts.engine,
          maxTrainPerSource: opts.maxTrain,
          regionStores: Object.fromEntries(Object.entries(regionStores).map(([r, d]) => [r, d.db])),
          ...(opts.dp ? { dp: DEFAULT_DP_PLAN } : {}),
          ...(opts.fromNodes ? { nodes, minCorpus: opts.minCorpus } : {}),
          onProgress,
        });
        bars.stop();
        console.log('\nglobal models (content hash; classify with `meridian classify --model HASH`):');
        for (const o of outcomes) console.log(`  ${o.task.padEnd(9)} after round ${o.rounds}: ${o.modelHash}`);
        if (adaptedLines.length) {
          console.log('region-adapted models, each kept in its own region (what that node serves; `meridian classify --region R --model HASH`):');
          for (const line of adaptedLines.sort()) console.log(line);
        }
        console.log(`coordinator ledger: ${await store.ledger.size()} entries (one per round)`);
        console.log(opts.dp ? '\nprivacy budget per region and model (subject-level DP; ε at the profile\'s δ):' : '\nthis session trained WITHOUT differential privacy (--dp to train under it). Recorded DP spend:');
        for (const region of REGIONS) {
          const spend = databasePrivacySpendStore(regionStores[region]!.db);
          for (const task of opts.tasks as TaskName[]) {
            const s = summarizePrivacySpend(await spend.load(region, task), privacyBudgetOf(region, task));
            console.log(`  ${region.padEnd(3)} ${task.padEnd(9)} ε spent ${s.spent.toFixed(2).padStart(6)} of ${String(s.budget).padStart(4)}  remaining ${s.remaining.toFixed(2).padStart(6)}  (${s.rounds} DP rounds)`);
          }
        }
      } finally {
        bars.stop();
        await Promise.all(REGIONS.map((r) => (nodes[r] ? nodes[r].close() : regionStores[r]?.close())));
        await store.close();
      }
    });
}
