import { describe, it, expect } from 'vitest';
import { keyringFromFile, newKeyringFile } from '@meridian/core/crypto/region-keyring.ts';
import { freshDatabase } from '../../../test/databases.ts';
import { openRegionNode } from '../../src/node/open-region-node.ts';
import { crashTrial } from './crash-harness.ts';

// CI size; the full 1,000 × 20 runs with: node regions/test/rights/crash-soak.ts
const ERASURES = Number(process.env.RIGHTS_CRASH_ERASURES ?? 200);
const TRIALS = Number(process.env.RIGHTS_CRASH_TRIALS ?? 5);

describe('erasure crash safety on postgres (kill -9 of worker processes)', () => {
  it(`${ERASURES} erasures × ${TRIALS} trials: every request completes exactly once, nothing left, no duplicate ledger events`, async () => {
    const test = await freshDatabase('postgres');
    const keyring = newKeyringFile();
    const node = await openRegionNode({ region: 'eu', database: test, keyring: keyringFromFile(keyring) });
    let kills = 0;
    let interrupted = 0;
    try {
      for (let trial = 0; trial < TRIALS; trial++) {
        const r = await crashTrial(node, test.url!, keyring, { erasures: ERASURES, kills: 1, tag: `t${trial}` });
        kills += r.kills;
        interrupted += r.unfinishedAfterKills;
        expect(r.completed, `trial ${trial}`).toBe(ERASURES);
        expect(r.erasureEvents, `trial ${trial}`).toBe(ERASURES);
        expect(r.duplicateEvents).toBe(0);
        expect(Object.values(r.leftovers).every((n) => n === 0), JSON.stringify(r.leftovers)).toBe(true);
      }
      expect(kills).toBeGreaterThanOrEqual(TRIALS * 2);
      expect(interrupted, 'the kills landed while jobs were unfinished').toBeGreaterThan(0);
    } finally {
      await node.close();
      await test.close();
    }
  }, 180_000);
});
