import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { DIALECTS } from '../../../../test/databases.ts';
import { createCertificateAuthority, createRevocationList } from '@meridian/core/pki/index.ts';
import { createRevocationStore } from '@meridian/federation/transport/revocation-store.ts';
import { ingestAtomically } from '../../../src/ingest/ingest-batch.ts';
import { parseTokens } from '../../../src/server/bearer-tokens.ts';
import { runRegionService, type RegionService } from '../../../src/server/run-region-service.ts';
import { submitRightsRequest } from '../../../src/rights/submit-rights-request.ts';
import { newLookupKey } from '../../../src/rights/cross-region/lookup-key.ts';
import type { CrossRegionLink } from '../../../src/rights/cross-region/cross-region-link.ts';
import { createPeerDirectory } from '../../../src/rights/cross-region/peer-directory.ts';
import { record, testNode } from '../../node-fixture.ts';
import { memoryNotifier } from '../rights-fixture.ts';
import { enroll } from './federation-fixture.ts';

const TOKEN = 'test-token-0123456789abcdef';

describe.each(DIALECTS)('region service with a peer endpoint on %s', (dialect) => {
  const services: RegionService[] = [];
  const lookupKey = newLookupKey();
  const links: Record<'eu' | 'sea', CrossRegionLink> = { eu: { lookupKey }, sea: { lookupKey } };
  const call = async (path: string, body: unknown) => {
    const res = await fetch(`${services[0]!.server.url}/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as any };
  };

  beforeAll(async () => {
    const ca = createCertificateAuthority({ name: 'Meridian test federation CA', validDays: 30, keyBits: 2048 });
    const revocation = createRevocationStore(ca.certPem, createRevocationList(ca));
    const ids = { eu: enroll(ca, 'eu'), sea: enroll(ca, 'sea') };
    for (const region of ['eu', 'sea'] as const) {
      const node = await testNode(region, dialect, { crossRegion: links[region] });
      services.push(await runRegionService(node, { tokens: parseTokens(`tests:${TOKEN}`), rightsIntervalMs: 50, peer: { ...ids[region], ca: ca.certPem, revocation, minResponseMs: 0 } }));
    }
    for (const [i, region] of (['eu', 'sea'] as const).entries()) {
      const other = region === 'eu' ? 'sea' : 'eu';
      links[region].peers = createPeerDirectory({ self: region, peers: { [other]: services[1 - i]!.peer!.url }, ca: ca.certPem, ...ids[region], revocation });
    }
    await ingestAtomically(services[1]!.node, [record('sea', { subject: { externalId: 'sea-zqxj-svc', email: 'zqxj.svc@example.org', country: 'SG' } })]);
  }, 120_000);
  afterAll(async () => {
    for (const s of services) await s.stop();
  });

  it('the API forwards at intake and says where the request went', async () => {
    const r = await call('rights.submit', { type: 'access', externalId: 'unknown-here', contact: { channel: 'email', value: 'zqxj.svc@example.org' }, forward: true });
    expect(r.status).toBe(200);
    expect(r.json.result.data).toMatchObject({ forwarding: 'queued', forward: { state: 'delivered', peers: [{ region: 'sea', answer: 'accepted' }] } });
    const v = await call('rights.forwards', { requestId: r.json.result.data.requestId, refresh: true });
    expect(v.json.result.data.peers[0]).toMatchObject({ region: 'sea', peerStatus: 'received' });
    // A wrong code is relayed to sea and refused there with its typed error.
    const bad = await call('rights.verify', { requestId: r.json.result.data.requestId, code: '000000' });
    expect(bad.status).toBe(403);
    expect(bad.json.error.data).toMatchObject({ meridianCode: 'FORBIDDEN' });
  });

  it("the node's rights loop delivers a forward queued by another process", async () => {
    const eu = services[0]!.node;
    const queued = await submitRightsRequest(eu, { type: 'erasure', externalId: 'unknown-here-2', contact: { channel: 'email', value: 'zqxj.svc@example.org' }, forward: true }, { notifier: memoryNotifier(), actor: 'cli:test' });
    expect(queued.forwarding).toBe('queued');
    await vi.waitFor(async () => expect((await eu.db.selectFrom('rights_requests').select('status').where('id', '=', queued.requestId).executeTakeFirstOrThrow()).status).toBe('forwarded'), { timeout: 20_000, interval: 100 });
  });
});
