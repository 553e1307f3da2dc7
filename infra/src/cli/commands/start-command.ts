import { Command } from 'commander';
import cliProgress from 'cli-progress';
import type { Region } from '@meridian/core/policy/region-profile.ts';
import { launchLocal } from '../../launcher/launch-local.ts';
import { demoRecordsFor } from '../../launcher/demo-source.ts';

export function startCommand(): Command {
  return new Command('start')
    .description('Run the whole system locally: coordinator + eu, sea and me region nodes on embedded databases, with demo customers')
    .option('--data-dir <dir>', 'where the nodes keep their data', '.data')
    .option('--host <host>', 'listen address', '127.0.0.1')
    .option('--base-port <port>', 'coordinator port; regions use the next three (0: free ports)', (v) => Number(v), 7100)
    .option('--customers <n>', 'demo customers per region', (v) => Number(v), 200)
    .option('--rounds <n>', 'federated rounds per task on the first launch (when no model exists yet)', (v) => Number(v), 2)
    .option('--max-train <n>', 'cap training rows per data source for those rounds', (v) => Number(v), 3000)
    .option('--console-port <port>', 'the console (SvelteKit) port (0: a free port; default: base port + 4)', (v) => Number(v))
    .option('--no-console', 'do not start the console')
    .option('--exit', 'stop after loading (for scripts and tests)')
    .action(async (opts) => {
      process.env.LOG_LEVEL ??= 'warn';
      const t0 = Date.now();
      console.log('Meridian: federated models, then the region nodes (eu, sea, me) on embedded PGlite...');
      const bars = new cliProgress.MultiBar(
        { format: ' {region} [{bar}] {value}/{total} messages | ledger {ledger} entries', stream: process.stderr, noTTYOutput: !process.stderr.isTTY, notTTYSchedule: 5_000, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      const totals = new Map<Region, number>();
      const barOf = new Map<Region, cliProgress.SingleBar>();
      const deployment = await launchLocal({
        dataDir: opts.dataDir,
        host: opts.host,
        basePort: opts.basePort,
        demo: (region) => {
          const { total, records } = demoRecordsFor(region, { customers: opts.customers });
          totals.set(region, total);
          barOf.set(region, bars.create(total, 0, { region: region.padEnd(3), ledger: 0 }));
          return records;
        },
        onProgress: (region, loaded, ledger) => barOf.get(region)?.update(loaded, { ledger }),
        initialRounds: opts.rounds,
        console: opts.console ? { port: opts.consolePort ?? (opts.basePort ? opts.basePort + 4 : 0) } : undefined,
        maxTrainPerSource: opts.maxTrain,
        onTraining: (p) => {
          if (p.phase === 'evaluated' && p.metrics) console.log(`  federated ${p.task} round ${p.round}/${p.totalRounds}: ${p.region} accuracy ${(100 * p.metrics.accuracy).toFixed(1)}%, macro-F1 ${(100 * p.metrics.macroF1).toFixed(1)}%`);
          if (p.phase === 'adapted') console.log(`  ${p.region} adapted the global ${p.task} model on its own data: ${p.modelHash?.slice(0, 12)} (kept in ${p.region})`);
        },
        onAdapted: (region, task, hash) => console.log(`  ${region} adapted the current global ${task} model on its own data: ${hash.slice(0, 12)} (kept in ${region})`),
      });
      bars.stop();
      console.log(`\nMeridian is up (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
      console.log(`  coordinator  ${deployment.coordinatorUrl}/status  global models ${deployment.models.map((m) => `${m.task} round ${m.round ?? 0} (${m.hash.slice(0, 12)})`).join(', ')}`);
      for (const r of deployment.regions) {
        console.log(`  ${r.region.padEnd(11)}  ${r.url}  ${r.dialect}  ${r.subjects} customers, ${r.messages} messages (${r.loaded - r.duplicates} new this run)`);
        console.log(`  ${''.padEnd(11)}  routed: ${Object.entries(r.routes).map(([k, v]) => `${k} ${(100 * v).toFixed(0)}%`).join(', ')}`);
        const models = deployment.served[r.region].map((m) => `${m.task} ${m.hash.slice(0, 12)}${m.origin === 'region-adapted' ? ` (adapted here from ${m.baseHash.slice(0, 12)})` : ' (global)'}`);
        console.log(`  ${''.padEnd(11)}  serves: ${models.join(', ')}`);
      }
      console.log('\n  audit ledgers (a signed checkpoint per region, cosigned by the other regions\' witnesses):');
      for (const c of deployment.checkpoints) {
        console.log(`  ${c.region.padEnd(11)}  ${c.size} entries, cosigned by ${c.cosignedBy.map((n) => n.split('/').pop()).join(', ') || 'nobody'}${c.failures.length ? ` (${c.failures.length} witness failures)` : ''}`);
      }
      const p = deployment.residencyProbe;
      console.log(`\n  residency check: a ${p.from} customer's message sent to the ${p.to} node -> ${p.status} ${p.code}`);
      if (deployment.consoleUrl) {
        console.log(`\n  console      ${deployment.consoleUrl}  (HTTPS under the local CA; demo sign-ins in README.md, e.g. dpo.eu@demo.meridian / meridian-demo-dpo)`);
        console.log(`               demo rights requests filed: ${deployment.demoRequests?.ids.length ?? 0}; the codes their customers received: ${deployment.demoRequests?.inboxFile}`);
      }
      console.log(`\n  TLS: local CA at ${deployment.caFile}`);
      console.log(`  ingest token for this run: ${deployment.token}`);
      console.log(`  trust file for auditors: ${deployment.trustFile}`);
      console.log(`  try: curl --cacert ${deployment.caFile} ${deployment.regions[0]!.url}/metrics`);
      console.log(`       npm run meridian -- ledger export --region eu --out eu-bundle.json && npm run meridian -- verify eu-bundle.json --trust ${deployment.trustFile}`);
      if (opts.exit) {
        await deployment.stop();
        return;
      }
      console.log('\nCtrl-C to stop.');
      const stop = async () => {
        await deployment.stop();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
