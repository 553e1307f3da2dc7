import { Command, Option } from 'commander';
import type cliProgress from 'cli-progress';
import { REGIONS, type Region } from '@meridian/core/policy/region-profile.ts';
import { createLogger } from '@meridian/core/logging/create-logger.ts';
import { openRegionNode, type OpenedRegionNode } from '@meridian/regions/node/open-region-node.ts';
import { unlearningQueue } from '@meridian/regions/rights/unlearning/unlearning-queue.repository.ts';
import { openCoordinatorStore } from '../../federation/open-coordinator-store.ts';
import { openRegionStore, regionDir } from '../../federation/open-region-store.ts';
import { coordinatorDir } from '../../federation/train-local-federation.ts';
import { unlearnLocalFederation, type UnlearnLocalReport } from '../../federation/unlearn-local-federation.ts';
import { progressBar } from '../progress-bar.ts';

/**
 * `meridian unlearn`: runs the model unlearning that erasures owe, on the
 * launcher's data directory (coordinator and the three regions in this
 * process; stop `meridian start` first, the embedded databases are
 * single-process).
 */
export function unlearnCommand(): Command {
  return new Command('unlearn')
    .description(
      "Roll the federated models back before the rounds erased subjects trained and retrain them forward without those subjects (what erasures queued), then re-adapt each region's locally adapted models from the new global models. By default only requests whose nightly batch is due (stop \"meridian start\" first)",
    )
    .option('--all', 'run every pending request now, not only those whose batch is due', false)
    .option('--data-dir <dir>', 'the launcher data directory', '.data')
    .addOption(new Option('--engine <engine>', 'the engine the rounds were trained with (the replay is exact only on the same one)').choices(['tfjs', 'reference']).default('tfjs'))
    .option('--max-train <n>', 'the --max-train the rounds were trained with (rows of shared/data a region without enough labelled messages trained on)', (v) => Number(v))
    .action(async (opts) => {
      process.env.LOG_LEVEL ??= 'warn';
      const store = await openCoordinatorStore(coordinatorDir(opts.dataDir));
      const nodes: Partial<Record<Region, OpenedRegionNode>> = {};
      const bars = new Map<string, cliProgress.SingleBar>();
      try {
        for (const region of REGIONS) {
          const database = await openRegionStore(opts.dataDir, region);
          nodes[region] = await openRegionNode({ region, dataDir: regionDir(opts.dataDir, region), database, logger: createLogger({ component: 'cli', region }) });
        }
        const report = await unlearnLocalFederation({
          coordinator: { db: store.database.db, ledger: store.ledger },
          nodes,
          engine: opts.engine,
          maxTrainPerSource: opts.maxTrain,
          all: opts.all,
          onRound: ({ region, federation, round, toRound, modelOut }) => {
            const key = `${region}/${federation}`;
            let bar = bars.get(key);
            if (!bar) {
              bars.set(key, (bar = progressBar(`retraining ${federation} (erasures of ${region})`, 'rounds')));
              bar.start(toRound, round - 1, { detail: '' });
            }
            bar.update(round, { detail: modelOut ? `round ${round}: ${modelOut.slice(0, 12)}` : `round ${round} failed originally: unchanged` });
          },
        });
        for (const bar of bars.values()) bar.stop();
        console.log(describeReport(report));
        const pending = await Promise.all(REGIONS.map(async (r) => ({ region: r, n: await unlearningQueue.pending(nodes[r]!.db) })));
        const left = pending.filter((p) => p.n > 0);
        if (left.length) console.log(`\nstill owed: ${left.map((p) => `${p.region} ${p.n}`).join(', ')} request(s) (not yet due${opts.all ? ', or failed and backed off' : ': --all runs them now'})`);
        if (report.failures.length) process.exitCode = 1;
      } finally {
        for (const bar of bars.values()) bar.stop();
        await Promise.all(Object.values(nodes).map((n) => n.close()));
        await store.close();
      }
    });
}

/** What a run of `meridian unlearn` did, for the operator. */
function describeReport(report: UnlearnLocalReport): string {
  const lines: string[] = [];
  if (!report.runs.length && !report.failures.length) lines.push('no unlearning was due');
  for (const run of report.runs) {
    const o = run.outcome;
    lines.push(
      o.kind === 'retrained'
        ? `${run.federation} (erasures of ${run.region}): rolled back to round ${o.rolledBackTo}, retrained ${o.retrainedRounds} round(s), new model hash ${o.modelHash} (${o.exactness}; ${o.purgedModels} replaced model(s) deleted from the registry)`
        : `${run.federation} (erasures of ${run.region}): nothing to undo (no aggregated round took the region's update with that data)`,
    );
    for (const r of run.requests) lines.push(`  request ${r.requestId}: ${r.statement}`);
  }
  for (const f of report.failures) lines.push(`FAILED ${f.federation} (erasures of ${f.region}): ${f.code}; backed off, run again to retry`);
  lines.push('\nglobal models now:');
  for (const g of report.globals) lines.push(`  ${g.federation.padEnd(9)} round ${g.round}: ${g.modelHash}`);
  if (report.adapted.length) {
    lines.push('region-adapted models rebuilt from the new global models (the old ones could carry the erased subjects\' influence and were deleted):');
    for (const a of report.adapted) lines.push(`  ${a.task.padEnd(9)} ${a.region.padEnd(3)} ${a.hash} (from ${a.baseHash.slice(0, 12)}; ${a.deleted} old adaptation(s) deleted)`);
  }
  return lines.join('\n');
}
