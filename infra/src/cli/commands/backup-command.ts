import { Command } from 'commander';
import { writeBackup } from '@meridian/regions/rights/backup/write-backup.ts';
import { restoreBackup } from '@meridian/regions/rights/backup/restore-backup.ts';
import { openNodeFromFlags, regionOption, storageOptions } from './node-flags.ts';

/** `meridian backup --out DIR`: a logical backup, with the key table in its own file. */
export function backupCommand(): Command {
  return storageOptions(new Command('backup').description("Logical backup of a region node's database (data, keys and tombstones in separate files)").addOption(regionOption()).requiredOption('--out <dir>', 'backup directory'))
    .action(async (opts) => {
      const node = await openNodeFromFlags(opts);
      try {
        const m = await writeBackup(node, opts.out);
        console.log(`${opts.out}: ${Object.values(m.tables).reduce((a, b) => a + b, 0)} rows from ${Object.keys(m.tables).length} tables (keys in keys.ndjson, store it apart)`);
      } finally {
        await node.close();
      }
    });
}

/** `meridian restore DIR`: restores, then replays erasure tombstones before the node can serve. */
export function restoreCommand(): Command {
  return storageOptions(new Command('restore').description('Restore a logical backup; erased subjects are erased again (tombstones) before the node serves').addOption(regionOption()).argument('<dir>', 'backup directory'))
    .action(async (dir: string, opts) => {
      const node = await openNodeFromFlags(opts);
      try {
        const r = await restoreBackup(node, dir);
        console.log(`restored ${Object.values(r.restored).reduce((a, b) => a + b, 0)} rows; kept live: ${r.keptLive.join(', ')}; ${r.tombstones} tombstones replayed, ${r.reErased} subjects erased again`);
      } finally {
        await node.close();
      }
    });
}
