import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { importNdjson } from '@meridian/regions/import/import-ndjson.ts';
import { progressBar } from '../progress-bar.ts';
import { openNodeFromFlags, regionOption, storageOptions } from './node-flags.ts';

export function importCommand(): Command {
  return storageOptions(
    new Command('import')
      .description('Import an NDJSON file of customer messages into a region node (resumable: rerun the same command after an interruption)')
      .argument('<file>', 'NDJSON, one ingest record per line')
      .addOption(regionOption())
      .option('--batch-size <n>', 'records per transaction', (v) => Number(v), 500)
      .option('--restart', 'ignore the saved cursor and start from line 1')
      .option('--report <file>', 'write every rejected line (number, code, reason) as JSON')
      .option('--no-progress', 'no progress bar'),
  ).action(async (file: string, opts) => {
    const node = await openNodeFromFlags(opts);
    const bar = opts.progress ? progressBar(`import ${opts.region}`, 'MiB') : undefined;
    const mib = (b: number) => Math.round((b / 2 ** 20) * 10) / 10;
    try {
      const summary = await importNdjson(node, file, {
        batchSize: opts.batchSize,
        restart: opts.restart,
        onProgress: (p) => {
          const detail = `${p.imported} imported, ${p.rejected} rejected`;
          if (!bar) return;
          if (!bar.isActive) bar.start(mib(p.bytesTotal), mib(p.bytesDone), { detail });
          else bar.update(mib(p.bytesDone), { detail });
        },
      });
      bar?.stop();
      if (summary.resumedFromLine) console.log(`resumed after line ${summary.resumedFromLine}`);
      console.log(`${summary.lines} lines: ${summary.imported} imported (${summary.duplicates} already present), ${summary.rejected} rejected`);
      for (const r of summary.rejections.slice(0, 50)) console.log(`  line ${r.line}: ${r.code} ${r.detail}`);
      if (summary.rejections.length > 50) console.log(`  ... ${summary.rejections.length - 50} more${opts.report ? ` in ${opts.report}` : ' (use --report FILE for all)'}`);
      if (opts.report) writeFileSync(opts.report, JSON.stringify(summary.rejections, null, 2));
      process.exitCode = summary.rejected ? 3 : 0;
    } finally {
      bar?.stop();
      await node.close();
    }
  });
}
