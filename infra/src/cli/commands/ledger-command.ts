import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { buildEvidenceBundle } from '@meridian/audit/bundle/build-evidence-bundle.ts';
import { exportFullLog } from '@meridian/audit/ledger/postgres/export-full-log.ts';
import { ledgerOrigin } from '@meridian/core/config/ledger-names.ts';
import { openNodeFromFlags, regionOption, storageOptions } from './node-flags.ts';

export function ledgerCommand(): Command {
  const exportCmd = storageOptions(
    new Command('export')
      .description("Export an evidence bundle from a region's audit ledger: everything about one reference (--ref), or the whole log")
      .addOption(regionOption())
      .option('--ref <id>', 'a message, request or round id (default: the whole log, for a full audit)')
      .requiredOption('--out <file>', 'where to write the bundle (JSON)'),
  ).action(async (opts) => {
    const node = await openNodeFromFlags(opts);
    try {
      await node.ledger.checkpoint();
      const bundle = opts.ref
        ? await buildEvidenceBundle(node.ledger, { refId: opts.ref }, { about: `everything region ${opts.region} recorded about ${opts.ref}` })
        : await exportFullLog(node.db, ledgerOrigin(opts.region));
      writeFileSync(opts.out, JSON.stringify(bundle, null, 2));
      const what = opts.ref ? `${bundle.entries.length} entries about ${opts.ref}` : `the whole log (${await node.ledger.size()} entries)`;
      console.log(`${opts.out}: ${what}, ${bundle.checkpoints.length} checkpoint(s). Check it with: meridian verify ${opts.out} --trust TRUST_FILE`);
    } finally {
      await node.close();
    }
  });
  return new Command('ledger').description('The audit ledger: export evidence bundles for auditors').addCommand(exportCmd);
}
