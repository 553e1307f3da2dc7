import { Command } from 'commander';
import { join } from 'node:path';
import { loadNodeConfig } from '@meridian/core/config/node-config.ts';
import { keyringFromFile } from '@meridian/core/crypto/region-keyring.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { rewrapDataKeys } from '@meridian/regions/keys/rewrap-data-keys.ts';
import { rotateKeyringFile, retireOldKeks } from '@meridian/regions/keys/rotate-keyring-file.ts';
import { progressBar } from '../progress-bar.ts';
import { openNodeFromFlags, regionOption, storageOptions } from './node-flags.ts';

export function keysCommand(): Command {
  const rotate = storageOptions(
    new Command('rotate')
      .description("Rotate the region's key-encryption key: add a new KEK, re-wrap every subject's data key under it, then retire the old KEK")
      .addOption(regionOption())
      .option('--keep-old', 'keep the old KEK in the keyring (e.g. until a backup is re-taken)'),
  ).action(async (opts) => {
    const cfg = loadNodeConfig();
    if (process.env.MERIDIAN_KEK) {
      throw new MeridianError('BAD_INPUT', 'the KEK comes from MERIDIAN_KEK: rotate it in your secret manager, and pass old and new through MERIDIAN_KEYRING_FILE during the re-wrap (see README, "Keys")');
    }
    const file = process.env.MERIDIAN_KEYRING_FILE ?? join(opts.dataDir ?? cfg.MERIDIAN_NODE_DIR ?? join('.data', opts.region), 'keyring.json');
    const next = rotateKeyringFile(file);
    console.log(`new KEK ${next.current} is current in ${file}`);
    const node = await openNodeFromFlags(opts);
    const bar = progressBar(`re-wrap ${opts.region}`, 'keys');
    try {
      const r = await rewrapDataKeys(node.db, keyringFromFile(next), {
        onProgress: (p) => (bar.isActive ? bar.update(p.done, { detail: '' }) : bar.start(p.total, p.done, { detail: '' })),
      });
      bar.stop();
      console.log(`${r.rewrapped} data keys re-wrapped, ${r.remaining} left`);
      if (!opts.keepOld && r.remaining === 0) console.log(`retired ${retireOldKeks(file).join(', ') || 'nothing'}`);
    } finally {
      bar.stop();
      await node.close();
    }
  });
  return new Command('keys').description("Key management: the region's key-encryption keys").addCommand(rotate);
}
