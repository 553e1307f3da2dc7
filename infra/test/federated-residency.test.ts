import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { freshDatabase, type TestDatabase } from '../../test/databases.ts';
import { REGIONS, type Region } from '@meridian/core/policy/region-profile.ts';
import { keyringFromFile, newKeyringFile } from '@meridian/core/crypto/region-keyring.ts';
import { openRegionNode, type OpenedRegionNode } from '@meridian/regions/node/open-region-node.ts';
import { ingestAtomically } from '@meridian/regions/ingest/ingest-batch.ts';
import { changeConsent } from '@meridian/regions/consent/change-consent.ts';
import { trainingLineage } from '@meridian/regions/training/training-lineage.repository.ts';
import { postgresLedger } from '@meridian/audit/ledger/postgres/postgres-ledger.ts';
import { ed25519NoteSigner } from '@meridian/audit/note/ed25519-note-signer.ts';
import { generateDemoMessages, loadMessagePools, CANARY_CUSTOMERS, canaryRecords, canaryValues } from '../src/demo/index.ts';
import { localCertificateAuthority } from '../src/launcher/local-certificates.ts';
import { trainLocalFederation, type FederationProgress } from '../src/federation/train-local-federation.ts';
import { teeRequests } from '../../federation/test/coordinator/support/tee-requests.ts';
import { findCanaries } from '../../federation/test/coordinator/support/find-canaries.ts';

const NOW = new Date('2026-11-20T12:00:00Z');

describe('federated training from the nodes\' own data: residency, consent and lineage', () => {
  const nodes = {} as Record<Region, OpenedRegionNode>;
  const dbs: TestDatabase[] = [];
  let coordinatorDb: TestDatabase;
  const sent: Record<Region, Uint8Array[]> = { eu: [], sea: [], me: [] };
  const progress: FederationProgress[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'fed-residency-'));
  const ca = localCertificateAuthority(dataDir);
  const withdrawn = CANARY_CUSTOMERS.find((c) => c.region === 'eu')!;
  const neverConsented = { externalId: 'never-consented-qz', text: 'Qzvx never-consented: where is my replacement card' };
  const subjectOf = async (region: Region, externalId: string) =>
    (await ingestAtomically(nodes[region], [{ sourceMessageId: `probe-${externalId}`, channel: 'chat', sentAt: NOW.toISOString(), text: 'probe', subject: { externalId, homeRegion: region, country: { eu: 'DE', sea: 'SG', me: 'AE' }[region] } }]))[0]!.subjectId;

  const train = (rounds: number) =>
    trainLocalFederation({
      dataDir,
      db: coordinatorDb.db,
      ledger: postgresLedger({ db: coordinatorDb.db, signer: ed25519NoteSigner('meridian.test/ledger/coordinator', generateKeyPairSync('ed25519').privateKey) }),
      ca,
      tasks: ['intent'],
      rounds,
      engine: 'reference',
      maxTrainPerSource: 500,
      nodes,
      minCorpus: 50,
      wrapDispatcher: (region, agent) => teeRequests(agent, (b) => sent[region].push(b.slice())),
      onProgress: (p) => progress.push(p),
    });

  beforeAll(async () => {
    coordinatorDb = await freshDatabase('pglite');
    const pools = loadMessagePools();
    for (const region of REGIONS) {
      const t = await freshDatabase('pglite');
      dbs.push(t);
      nodes[region] = await openRegionNode({ region, database: t, keyring: keyringFromFile(newKeyringFile()) });
      // Demo customers with their messages' gold labels, as an agent would have tagged them.
      const records = [...generateDemoMessages(pools, { now: NOW, regions: [region], customersPerRegion: 250 })]
        .filter((m) => m.source.labelKind === 'intent')
        .map((m) => ({ ...m.record, labels: { intent: m.source.label } }));
      const canaries = canaryRecords(NOW).filter((r) => r.subject.homeRegion === region).map((r) => ({ ...r, labels: { intent: 'card_arrival' } }));
      for (let i = 0; i < records.length; i += 500) await ingestAtomically(nodes[region], records.slice(i, i + 500));
      await ingestAtomically(nodes[region], canaries);
    }
    await ingestAtomically(nodes.eu, [
      { sourceMessageId: 'nc-1', channel: 'chat', sentAt: NOW.toISOString(), text: neverConsented.text, labels: { intent: 'card_arrival' }, subject: { externalId: neverConsented.externalId, homeRegion: 'eu', country: 'DE' } },
    ]);
    await train(1);
    await changeConsent(nodes.eu, { externalId: withdrawn.externalId, purpose: 'model_training', granted: false, source: 'preference-centre' });
    await train(2);
  }, 300_000);
  afterAll(async () => {
    for (const n of Object.values(nodes)) await n.close();
    await coordinatorDb?.close();
  });

  it('each region trained on its own stored messages, three rounds', () => {
    for (const region of REGIONS) {
      const rounds = progress.filter((p) => p.region === region && p.source === 'node').map((p) => p.round);
      expect([...new Set(rounds)].sort()).toEqual([1, 2, 3]);
    }
  });

  it('no seeded personal value (canary names, e-mails, phones, ids, message texts) appears in any byte a region sent', () => {
    const canaries = [...CANARY_CUSTOMERS.flatMap(canaryValues), neverConsented.text];
    for (const region of REGIONS) {
      const all = Buffer.concat(sent[region]);
      expect(all.length).toBeGreaterThan(3 * 1_000_000);
      expect(findCanaries(all, canaries), `sent by ${region}`).toEqual([]);
    }
    // Every canary in 8 encodings over tens of MB: CPU-bound, and slow when the suite shares 2 cores.
  }, 240_000);

  it('lineage: consenting canaries trained every round; the withdrawn one only before withdrawal; a non-consenting subject never', async () => {
    for (const c of CANARY_CUSTOMERS.filter((c) => c !== withdrawn)) {
      const rounds = await trainingLineage.roundsOf(nodes[c.region as Region].db, await subjectOf(c.region as Region, c.externalId));
      expect(rounds.map((r) => r.round), c.externalId).toEqual([1, 2, 3]);
    }
    const w = await trainingLineage.roundsOf(nodes.eu.db, await subjectOf('eu', withdrawn.externalId));
    expect(w.map((r) => r.round)).toEqual([1]);
    expect(await trainingLineage.roundsOf(nodes.eu.db, await subjectOf('eu', neverConsented.externalId))).toEqual([]);
  });
});
