import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../../../test/databases.ts';
import { dumpDatabase, findCanaries as findInDump } from '../../../../test/dump-database.ts';
import { findCanaries } from '../../../../federation/test/coordinator/support/find-canaries.ts';
import { decodeLeaf } from '@meridian/audit/ledger/decode-leaf.ts';
import { REGIONS, type Region } from '@meridian/core/policy/region-profile.ts';
import type { DbOrTrx } from '@meridian/core/db/database.ts';
import { ingestAtomically } from '../../../src/ingest/ingest-batch.ts';
import { decideRightsRequest } from '../../../src/rights/decide-rights-request.ts';
import { runRightsWorker } from '../../../src/rights/run-rights-worker.ts';
import { rightsRequests } from '../../../src/rights/rights-request.repository.ts';
import { submitAndForward } from '../../../src/rights/cross-region/submit-and-forward.ts';
import { relayVerification } from '../../../src/rights/cross-region/relay-verification.ts';
import { refreshForwardStatus } from '../../../src/rights/cross-region/refresh-forward-status.ts';
import { lookupTag } from '../../../src/rights/cross-region/lookup-tag.ts';
import { record } from '../../node-fixture.ts';
import { startFederation, type Federation } from './federation-fixture.ts';

/** A Singapore customer whose every value carries the canary token "zqxj". */
const ana = { externalId: 'sea-zqxj-anaxr', name: 'Zqxj Anaxr', email: 'Zqxj.Anaxr@example.org', phone: '+65 9871 2345' };
const CANARIES = [ana.externalId, ana.name, ana.email, ana.email.toLowerCase(), ana.phone, '6598712345'];

const COUNTS = ['subjects', 'rights_requests', 'rights_request_subjects', 'rights_verifications', 'rights_outbox', 'rights_jobs', 'rights_forwards', 'rights_forward_peers'] as const;
async function counts(db: DbOrTrx): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of COUNTS) out[t] = Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return out;
}

async function ledgerMeta(db: DbOrTrx, refId: string) {
  const rows = await db.selectFrom('ledger_entries').select('leaf').where('ref_id', '=', refId).orderBy('idx').execute();
  return rows.map((r) => decodeLeaf(r.leaf).meta as Record<string, string | number>);
}

describe.each(DIALECTS)('cross-region rights requests on %s (real mTLS on loopback)', (dialect) => {
  let fed: Federation;
  let meBefore: Record<string, number>;
  let localId: string;
  let homeId: string;
  let forwardView: Awaited<ReturnType<typeof submitAndForward>>['forward'];

  beforeAll(async () => {
    fed = await startFederation(dialect);
    // Customers in every region; Ana lives in Singapore. Ingestion writes the lookup tags.
    for (const region of REGIONS) await ingestAtomically(fed.nodes[region], [record(region), record(region)]);
    await ingestAtomically(fed.nodes.sea, [record('sea', { subject: { ...ana, country: 'SG' }, text: 'Please zqxj close my account' })]);
    meBefore = await counts(fed.nodes.me.db);
    // Ana writes to the EU DPO, who does not know where she is a customer.
    const r = await submitAndForward(fed.nodes.eu, { type: 'erasure', externalId: ana.externalId, contact: { channel: 'email', value: ana.email }, country: 'SG', forward: true }, { notifier: fed.notifiers.eu, actor: 'dpo:eu-test' });
    localId = r.requestId;
    forwardView = r.forward;
    homeId = forwardView!.peers.find((p) => p.region === 'sea')!.peerRequestId!;
  }, 120_000);
  afterAll(async () => fed?.close());

  it('the request reaches the home region only: sea accepts, me answers "not here", eu records where it went', async () => {
    expect(forwardView).toMatchObject({ state: 'delivered' });
    expect(forwardView!.peers.map((p) => [p.region, p.answer])).toEqual([['me', 'not_here'], ['sea', 'accepted']]);
    expect(await rightsRequests.get(fed.nodes.eu.db, localId)).toMatchObject({ status: 'forwarded' });
    const home = await rightsRequests.get(fed.nodes.sea.db, homeId);
    // Sea's DPO sees an ordinary request, under the subject's law, linked to its origin, with the earlier deadline.
    expect(home).toMatchObject({ status: 'received', jurisdiction: 'SG-PDPA', origin_region: 'eu', origin_request_id: localId, requested_by: 'peer:eu' });
    const local = await rightsRequests.get(fed.nodes.eu.db, localId);
    expect(home.received_at.getTime()).toBe(local.received_at.getTime());
    expect(home.statutory_deadline_at.getTime()).toBeLessThanOrEqual(local.statutory_deadline_at.getTime());
    expect((await rightsRequests.list(fed.nodes.sea.db)).map((r) => r.id)).toContain(homeId);
  });

  it('the one-time code goes to the contact on file in the home region, never through the requesting region', () => {
    expect(fed.notifiers.sea.sent.map((n) => n.to)).toEqual([ana.email]);
    expect(fed.notifiers.eu.sent).toEqual([]);
    expect(fed.notifiers.me.sent).toEqual([]);
  });

  it('a non-home region creates nothing (only a ledger entry of the lookup, without identifiers)', async () => {
    expect(await counts(fed.nodes.me.db)).toEqual(meBefore);
    expect(await ledgerMeta(fed.nodes.me.db, localId)).toEqual([{ action: 'peer_lookup', from: 'eu', result: 'not_here' }]);
  });

  it("the home region's DPO executes it through the normal lifecycle; eu sees it completed", async () => {
    // Ana gives eu the code she received; eu relays it to sea.
    await expect(relayVerification(fed.nodes.eu, localId, fed.notifiers.sea.codeFor(ana.email))).resolves.toMatchObject({ status: 'verified', region: 'sea' });
    await decideRightsRequest.approve(fed.nodes.sea, homeId, 'dpo:sea-test');
    expect(await runRightsWorker(fed.nodes.sea)).toMatchObject({ completed: 1, failed: 0 });
    expect(await rightsRequests.get(fed.nodes.sea.db, homeId)).toMatchObject({ status: 'completed' });
    const tag = lookupTag(fed.lookupKey, 'email', ana.email);
    expect(await fed.nodes.sea.db.selectFrom('subject_lookup_tags').select('subject_id').where('tag', '=', tag).execute()).toEqual([]);
    expect(await refreshForwardStatus(fed.nodes.eu, localId)).toMatchObject({ checked: 1, changed: 1 });
    const peers = await fed.nodes.eu.db.selectFrom('rights_forward_peers').selectAll().where('request_id', '=', localId).where('peer_region', '=', 'sea').executeTakeFirstOrThrow();
    expect(peers).toMatchObject({ peer_status: 'completed', peer_deny_reason: null });
  });

  it('every step is on both ledgers, and no ledger entry holds an identifier', async () => {
    const eu = await ledgerMeta(fed.nodes.eu.db, localId);
    expect(eu.map((m) => m.action)).toEqual(['received', 'forward_queued', 'forward_answer', 'forward_answer', 'forward_delivered', 'forwarded', 'forward_verified', 'forward_status']);
    expect(eu.find((m) => m.action === 'forward_status')).toMatchObject({ peer: 'sea', status: 'completed' });
    const sea = await ledgerMeta(fed.nodes.sea.db, homeId);
    expect(sea.map((m) => m.action)).toEqual(['received', 'verified', 'approved', 'completed']);
    expect(sea[0]).toMatchObject({ originRegion: 'eu', originRequestId: localId });
    for (const region of REGIONS) {
      const leaves = await fed.nodes[region].db.selectFrom('ledger_entries').select('leaf').execute();
      expect(findCanaries(Buffer.concat(leaves.map((l) => Buffer.from(l.leaf))), CANARIES), region).toEqual([]);
    }
  });

  it('no byte sent or received between regions holds the identifier (requests and responses recorded before TLS)', () => {
    const tag = Buffer.from(lookupTag(fed.lookupKey, 'email', ana.email)).toString('base64url');
    for (const region of REGIONS) {
      const all = Buffer.concat(fed.wire[region]);
      expect(findCanaries(all, CANARIES), `wire of ${region}`).toEqual([]);
    }
    // Control: the capture did see the forward (its tag) and the answers.
    const eu = Buffer.concat(fed.wire.eu);
    expect(eu.includes(Buffer.from(tag))).toBe(true);
    expect(eu.includes(Buffer.from(homeId))).toBe(true);
    expect(findCanaries(eu, [tag, homeId])).toEqual([tag, homeId]);
  });

  it('the requesting region keeps no identifier: not in any table or the raw database, and the tag is gone once every peer answered', async () => {
    const f = await fed.nodes.eu.db.selectFrom('rights_forwards').select(['tag', 'state']).where('request_id', '=', localId).executeTakeFirstOrThrow();
    expect(f).toEqual({ tag: null, state: 'delivered' });
    const dump = await dumpDatabase(fed.nodes.eu.test);
    expect(findInDump(dump, CANARIES)).toEqual([]);
    // Control: the dump does hold what eu stored in the clear.
    expect(findInDump(dump, [localId])).toEqual([localId]);
  });

  it('the answers of the home and of a non-home region have the same shape and length', async () => {
    const client = (r: Region) => fed.directory('eu', fed.ids.eu, false).client(r);
    const input = (requestId: string, email: string) => ({
      requesterRegion: 'eu' as const, requestId, type: 'access' as const, channel: 'email' as const, tag: Buffer.from(lookupTag(fed.lookupKey, 'email', email)).toString('base64url'), keyId: fed.lookupKey.id,
      jurisdiction: 'EU-GDPR', receivedAt: new Date().toISOString(), statutoryDeadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    await ingestAtomically(fed.nodes.sea, [record('sea', { subject: { externalId: 'sea-zqxj-bo', email: 'zqxj.bo@example.org', country: 'SG' } })]);
    const id = crypto.randomUUID();
    const [home, away] = await Promise.all([client('sea').forward.mutate(input(id, 'zqxj.bo@example.org')), client('me').forward.mutate(input(id, 'zqxj.bo@example.org'))]);
    expect(Object.keys(home)).toEqual(Object.keys(away));
    expect(JSON.stringify(home).length).toBe(JSON.stringify(away).length);
    expect([home.match, away.match]).toEqual([1, 0]);
    // A retried forward finds the request it created rather than filing another.
    expect(await client('sea').forward.mutate(input(id, 'zqxj.bo@example.org'))).toEqual(home);
    expect((await fed.nodes.sea.db.selectFrom('rights_requests').select('id').where('origin_request_id', '=', id).execute()).length).toBe(1);
  });
});
