// The full crash soak of issue 6: 1,000 erasures × 20 trials on a throwaway PostgreSQL cluster.
//   node regions/test/rights/crash-soak.ts [--erasures 1000] [--trials 20]
import { parseArgs } from 'node:util';
import { keyringFromFile, newKeyringFile } from '@meridian/core/crypto/region-keyring.ts';
import { openDatabase } from '@meridian/core/db/open-database.ts';
import { createLogger } from '@meridian/core/logging/create-logger.ts';
import { startThrowawayCluster } from '../../../infra/src/postgres/throwaway-cluster.ts';
import { openRegionNode } from '../../src/node/open-region-node.ts';
import { crashTrial } from './crash-harness.ts';

process.env.LOG_LEVEL ??= 'silent';
const { values } = parseArgs({ options: { erasures: { type: 'string', default: '1000' }, trials: { type: 'string', default: '20' } } });
const cluster = await startThrowawayCluster();
let failed = false;
try {
  const database = await openDatabase({ url: cluster.url, poolSize: 8 });
  const keyring = newKeyringFile();
  const node = await openRegionNode({ region: 'eu', database, keyring: keyringFromFile(keyring), logger: createLogger({ component: 'crash-soak' }) });
  for (let t = 0; t < Number(values.trials); t++) {
    const started = performance.now();
    const r = await crashTrial(node, cluster.url, keyring, { erasures: Number(values.erasures), kills: 3, tag: `soak${t}` });
    const ok = r.completed === r.requests && r.erasureEvents === r.requests && r.duplicateEvents === 0 && Object.values(r.leftovers).every((n) => n === 0);
    failed ||= !ok;
    console.log(JSON.stringify({ trial: t, ok, seconds: Math.round((performance.now() - started) / 100) / 10, ...r }));
  }
  await node.close();
} finally {
  cluster.stop();
}
console.log(failed ? 'FAILED' : 'all trials passed');
process.exit(failed ? 1 : 0);
