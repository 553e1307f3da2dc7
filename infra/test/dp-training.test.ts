import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { freshDatabase, type TestDatabase } from '../../test/databases.ts';
import { REGIONS, type Region } from '@meridian/core/policy/region-profile.ts';
import { postgresLedger } from '@meridian/audit/ledger/postgres/postgres-ledger.ts';
import { ed25519NoteSigner } from '@meridian/audit/note/ed25519-note-signer.ts';
import { DEFAULT_DP_PLAN } from '@meridian/federation/privacy/default-dp-settings.ts';
import { summarizePrivacySpend } from '@meridian/federation/privacy/summarize-privacy-spend.ts';
import { databasePrivacySpendStore } from '@meridian/regions/training/privacy-spend.repository.ts';
import { localCertificateAuthority } from '../src/launcher/local-certificates.ts';
import { trainLocalFederation, type FederationProgress } from '../src/federation/train-local-federation.ts';
import { privacyBudgetOf } from '../src/federation/dp-region-trainer.ts';

// `meridian train --dp` end to end on one machine: coordinator + three regions over mTLS with
// SecAgg, every region under subject-level DP with its spend in its own database.
describe('federated training under subject-level DP (meridian train --dp)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dp-training-'));
  const ca = localCertificateAuthority(dataDir);
  const stores = {} as Record<Region, TestDatabase>;
  let coordinator: TestDatabase;
  const progress: FederationProgress[] = [];
  const plan = { ...DEFAULT_DP_PLAN, localEpochs: 1 };

  const train = (rounds: number) =>
    trainLocalFederation({
      dataDir,
      db: coordinator.db,
      ledger: postgresLedger({ db: coordinator.db, signer: ed25519NoteSigner('meridian.test/ledger/coordinator', generateKeyPairSync('ed25519').privateKey) }),
      ca,
      tasks: ['intent'],
      rounds,
      engine: 'reference',
      maxTrainPerSource: 150,
      regionStores: Object.fromEntries(REGIONS.map((r) => [r, stores[r].db])),
      dp: plan,
      onProgress: (p) => progress.push(p),
    });

  beforeAll(async () => {
    coordinator = await freshDatabase('pglite');
    for (const r of REGIONS) stores[r] = await freshDatabase('pglite');
    await train(1);
    // me has spent far past its budget before the second round (e.g. an earlier, noisier plan).
    await databasePrivacySpendStore(stores.me.db).record('me', 'intent', {
      federation: 'intent',
      round: 0,
      event: { sampleRate: 1, noiseMultiplier: 0.5, steps: 200 },
      clipNorm: 1,
      epsilon: 1e3,
      delta: 1e-5,
      at: new Date().toISOString(),
    });
    await train(1);
  }, 600_000);
  afterAll(async () => {
    await coordinator?.close();
    for (const d of Object.values(stores)) await d.close();
  });

  it('every region keeps its spend in its own database, within its profile budget, and reports it per round', async () => {
    for (const region of ['eu', 'sea'] as const) {
      const entries = await databasePrivacySpendStore(stores[region].db).load(region, 'intent');
      expect(entries.map((e) => e.round)).toEqual([1, 2]);
      const summary = summarizePrivacySpend(entries, privacyBudgetOf(region, 'intent'));
      expect(summary.spent).toBeGreaterThan(0);
      expect(summary.spent).toBeLessThanOrEqual(summary.budget);
      // Spend grows with every release.
      expect(entries[0]!.epsilon).toBeLessThan(entries[1]!.epsilon);
      const shown = progress.filter((p) => p.phase === 'spent' && p.region === region).map((p) => p.privacy?.rounds);
      expect(shown).toEqual([1, 2]);
      // Another region's database holds none of this region's spend.
      expect(await databasePrivacySpendStore(stores[region === 'eu' ? 'sea' : 'eu'].db).load(region, 'intent')).toEqual([]);
    }
  });

  it('the round records carry each contribution\'s ε, and a region past its budget is refused and trains nothing', async () => {
    const rounds = await coordinator.db.selectFrom('federation_rounds').selectAll().where('federation', '=', 'intent').orderBy('round').execute();
    expect(rounds.map((r) => r.round)).toEqual([1, 2]);
    // The ledger's round leaves carry ε per contributing region (masked updates keep their annotations).
    const leaves = await coordinator.db.selectFrom('ledger_entries').select(['ref_id', 'leaf']).where('ref_id', 'like', 'intent:round:%').orderBy('idx').execute();
    expect(leaves.map((l) => l.ref_id)).toEqual(['intent:round:1', 'intent:round:2']);
    const meta = leaves.map((l) => Buffer.from(l.leaf).toString('utf8'));
    for (const m of meta.slice(0, 1)) expect(m).toMatch(/eu:\d+\.\d+,me:\d+\.\d+,sea:\d+\.\d+/);
    expect(meta[1]).toMatch(/eu:\d+\.\d+,sea:\d+\.\d+/);
    const second = rounds[1]!;
    expect(JSON.stringify(second.contributors)).not.toContain('me');
    expect(second.failures).toEqual({ me: 'reported:budget_exceeded' });
    expect(JSON.stringify(second.contributors)).toContain('eu');
    // me's refused round recorded no spend: only its real round and the seeded one.
    const me = await databasePrivacySpendStore(stores.me.db).load('me', 'intent');
    expect(me.map((e) => e.round)).toEqual([1, 0]);
    expect(progress.some((p) => p.region === 'me' && p.round === 2 && p.phase === 'failed')).toBe(true);
  });
});
