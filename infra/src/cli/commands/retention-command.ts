import { Command } from 'commander';
import { runRetention } from '@meridian/regions/retention/run-retention.ts';
import { openNodeFromFlags, regionOption, storageOptions } from './node-flags.ts';

export function retentionCommand(): Command {
  const run = storageOptions(
    new Command('run').description("Expire data past its retention under the region profile's rules, now").addOption(regionOption()),
  ).action(async (opts) => {
    const node = await openNodeFromFlags(opts);
    try {
      const r = await runRetention(node);
      for (const j of r.byJurisdiction) console.log(`${j.jurisdiction}: ${j.messagesExpired} messages, ${j.subjectsExpired} subjects expired`);
    } finally {
      await node.close();
    }
  });
  return new Command('retention').description('Retention: expire data past the region profile\'s periods').addCommand(run);
}
