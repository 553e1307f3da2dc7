import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { TRPCClientError } from '@trpc/client';
import { DIALECTS } from '../../../../test/databases.ts';
import type { DbOrTrx } from '@meridian/core/db/database.ts';
import type { Region } from '@meridian/core/policy/region-profile.ts';
import { createCertificateAuthority, revokeCertificate, verifyCertificate } from '@meridian/core/pki/index.ts';
import { ingestAtomically } from '../../../src/ingest/ingest-batch.ts';
import { rightsRequests } from '../../../src/rights/rights-request.repository.ts';
import { createRegionCaller } from '../../../src/server/region-router.ts';
import { submitAndForward } from '../../../src/rights/cross-region/submit-and-forward.ts';
import { deliverDueForwards } from '../../../src/rights/cross-region/deliver-forward.ts';
import { refreshForwardStatus } from '../../../src/rights/cross-region/refresh-forward-status.ts';
import { acceptForwardedRequest } from '../../../src/rights/cross-region/accept-forwarded-request.ts';
import { createPeerDirectory, type PeerClient } from '../../../src/rights/cross-region/peer-directory.ts';
import { startPeerServer } from '../../../src/rights/cross-region/start-peer-server.ts';
import { lookupTag } from '../../../src/rights/cross-region/lookup-tag.ts';
import type { ForwardInput } from '../../../src/rights/cross-region/peer-protocol.ts';
import { record, testNode } from '../../node-fixture.ts';
import { enroll, startFederation, type Federation, type Identity } from './federation-fixture.ts';

const SUBJECT = { externalId: 'sea-zqxj-cy', email: 'zqxj.cy@example.org', country: 'SG' };

/** The outcome of a peer call: its answer, or the typed refusal (status, Meridian code, reason). */
async function outcome<T>(call: Promise<T>): Promise<{ ok: T } | { status?: number; code?: string; reason?: string }> {
  try {
    return { ok: await call };
  } catch (e) {
    if (!(e instanceof TRPCClientError)) throw e;
    const d = e.data as { httpStatus?: number; meridianCode?: string; evidence?: { reason?: string }; meridian?: { code?: string; evidence?: { reason?: string } } } | undefined;
    return { status: d?.httpStatus, code: d?.meridianCode ?? d?.meridian?.code, reason: d?.evidence?.reason ?? d?.meridian?.evidence?.reason };
  }
}

async function requestRows(db: DbOrTrx): Promise<number> {
  let n = 0;
  for (const t of ['rights_requests', 'rights_verifications', 'rights_outbox'] as const) n += Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return n;
}

describe.each(DIALECTS)('cross-region requests: refusals and failure handling on %s', (dialect) => {
  let fed: Federation;
  let skew = 0;
  const forwardInput = (over: Partial<Record<keyof ForwardInput, unknown>> = {}) => ({
    requesterRegion: 'eu',
    requestId: crypto.randomUUID(),
    type: 'erasure',
    channel: 'email',
    tag: Buffer.from(lookupTag(fed.lookupKey, 'email', SUBJECT.email)).toString('base64url'),
    keyId: fed.lookupKey.id,
    jurisdiction: 'EU-GDPR',
    receivedAt: new Date(Date.now() + skew).toISOString(),
    statutoryDeadline: new Date(Date.now() + skew + 30 * 86_400_000).toISOString(),
    ...over,
  }) as ForwardInput;
  const seaClient = (self: Region, id: Identity) => createPeerDirectory({ self, peers: { sea: fed.servers.sea.url }, ca: fed.ca.certPem, key: id.key, cert: id.cert }).client('sea');

  beforeAll(async () => {
    fed = await startFederation(dialect, { skewMs: () => skew });
    await ingestAtomically(fed.nodes.sea, [record('sea', { subject: SUBJECT })]);
  }, 120_000);
  afterAll(async () => fed?.close());

  it('a genuine eu certificate is served (control for the refusals below)', async () => {
    const r = await outcome(seaClient('eu', fed.ids.eu).forward.mutate(forwardInput()));
    expect(r).toMatchObject({ ok: { match: 1 } });
  });

  it('refuses a peer whose certificate comes from another CA, a revoked certificate, a coordinator, and a region mismatch; sea stores nothing', async () => {
    const before = await requestRows(fed.nodes.sea.db);
    const otherCa = createCertificateAuthority({ name: 'Meridian test federation CA', validDays: 30, keyBits: 2048 });
    const revoked = enroll(fed.ca, 'eu');
    fed.revocation.update(revokeCertificate(fed.ca, fed.revocation.current(), revoked.serial, 'keyCompromise'));
    const cases: [string, PeerClient, ForwardInput, object][] = [
      ['foreign CA', seaClient('eu', enroll(otherCa, 'eu')), forwardInput(), { status: 401, code: 'UNAUTHENTICATED', reason: 'wrong_issuer' }],
      ['revoked', seaClient('eu', revoked), forwardInput(), { status: 401, code: 'UNAUTHENTICATED', reason: 'revoked' }],
      ['coordinator', seaClient('eu', enroll(fed.ca, 'eu', 'coordinator')), forwardInput(), { status: 403, code: 'FORBIDDEN', reason: 'role_not_allowed' }],
      // A me certificate that claims to be eu in the header...
      ['header mismatch', seaClient('eu', fed.ids.me), forwardInput(), { status: 403, code: 'FORBIDDEN', reason: 'region_mismatch' }],
      // ...or in the request body.
      ['body mismatch', seaClient('me', fed.ids.me), forwardInput({ requesterRegion: 'eu' }), { status: 403, code: 'FORBIDDEN', reason: 'region_mismatch' }],
    ];
    for (const [name, client, input, expected] of cases) expect(await outcome(client.forward.mutate(input)), name).toMatchObject(expected);
    // The status of a request eu forwarded is not readable by me either.
    const eu = await seaClient('eu', fed.ids.eu).forward.mutate(forwardInput());
    expect(eu.match).toBe(1);
    const meAsks = await outcome(seaClient('me', fed.ids.me).status.query({ requesterRegion: 'me', requestId: (await fed.nodes.sea.db.selectFrom('rights_requests').select('origin_request_id').where('id', '=', eu.requestId).executeTakeFirstOrThrow()).origin_request_id! }));
    expect(meAsks).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(await requestRows(fed.nodes.sea.db)).toBe(before + 2); // only the genuine forward: its request and verification (the code went to the test notifier)
  });

  it('a refusal by the peers is recorded as final and shown; the request stays open for the DPO', async () => {
    const eu = fed.nodes.eu;
    const link = eu.crossRegion!;
    const revoked = enroll(fed.ca, 'eu');
    fed.revocation.update(revokeCertificate(fed.ca, fed.revocation.current(), revoked.serial, 'keyCompromise'));
    const dir = fed.directory('eu', revoked, false);
    eu.crossRegion = { lookupKey: link.lookupKey, peers: dir };
    try {
      const r = await submitAndForward(eu, { type: 'access', externalId: 'x', contact: { channel: 'email', value: SUBJECT.email }, forward: true }, { notifier: fed.notifiers.eu, actor: 'dpo' });
      expect(r.forward).toMatchObject({ state: 'delivered', peers: [{ region: 'me', answer: 'refused', refusal: 'UNAUTHENTICATED' }, { region: 'sea', answer: 'refused', refusal: 'UNAUTHENTICATED' }] });
      expect(await rightsRequests.get(eu.db, r.requestId)).toMatchObject({ status: 'received' });
    } finally {
      eu.crossRegion = link;
      await dir.close();
    }
  });

  it('a region never takes a forward "from itself"', async () => {
    const self = verifyCertificate(fed.ids.sea.cert, fed.ca.certPem);
    await expect(acceptForwardedRequest(fed.nodes.sea, self, forwardInput({ requesterRegion: 'sea' }), { notifier: fed.notifiers.sea })).rejects.toMatchObject({ code: 'FORBIDDEN', evidence: { reason: 'own_region' } });
  });

  it('bad input gets a typed 4xx and stores nothing', async () => {
    const before = await requestRows(fed.nodes.sea.db);
    const client = seaClient('eu', fed.ids.eu);
    const bad: [string, object, object][] = [
      ['short tag', forwardInput({ tag: 'AAAA' }), { status: 400, code: 'BAD_INPUT' }],
      ['unknown field', { ...forwardInput(), email: SUBJECT.email }, { status: 400, code: 'BAD_INPUT' }],
      ['rectification', forwardInput({ type: 'rectification' }), { status: 400, code: 'BAD_INPUT' }],
      ['not a region', forwardInput({ requesterRegion: 'mars' }), { status: 400, code: 'BAD_INPUT' }],
      ['received long ago', forwardInput({ receivedAt: '2020-01-01T00:00:00Z' }), { status: 400, code: 'BAD_INPUT' }],
      ['deadline before receipt', forwardInput({ statutoryDeadline: '2020-01-01T00:00:00Z' }), { status: 400, code: 'BAD_INPUT' }],
      ['another lookup key', forwardInput({ keyId: 'lk-0000000000000000' }), { status: 409, code: 'CONFLICT', reason: 'lookup_key_mismatch' }],
    ];
    for (const [name, input, expected] of bad) expect(await outcome(client.forward.mutate(input as ForwardInput)), name).toMatchObject(expected);
    expect(await outcome(client.verify.mutate({ requesterRegion: 'eu', requestId: crypto.randomUUID(), code: '12345' }))).toMatchObject({ status: 400, code: 'BAD_INPUT' });
    expect(await requestRows(fed.nodes.sea.db)).toBe(before);
  });

  it('intake: a forwarded rectification is refused (400), a node without the lookup key cannot forward (503), a local customer is not forwarded', async () => {
    const caller = createRegionCaller({ node: fed.nodes.eu, caller: { kind: 'service', name: 'test' } });
    await expect(caller.rights.submit({ type: 'rectification', externalId: 'x', contact: { channel: 'email', value: SUBJECT.email }, rectification: { field: 'name', value: 'N' }, forward: true })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const lone = await testNode('eu', dialect);
    try {
      const c = createRegionCaller({ node: lone, caller: { kind: 'service', name: 'test' } });
      await expect(c.rights.submit({ type: 'erasure', externalId: 'x', contact: { channel: 'email', value: SUBJECT.email }, forward: true })).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      expect(await lone.db.selectFrom('rights_requests').select('id').execute()).toEqual([]);
    } finally {
      await lone.close();
    }
    await ingestAtomically(fed.nodes.eu, [record('eu', { subject: { externalId: 'eu-zqxj-local', email: 'zqxj.local@example.org' } })]);
    const local = await caller.rights.submit({ type: 'access', externalId: 'eu-zqxj-local', contact: { channel: 'email', value: 'zqxj.local@example.org' }, forward: true });
    expect(local).toMatchObject({ forwarding: 'local' });
    expect(await fed.nodes.eu.db.selectFrom('rights_forwards').select('request_id').where('request_id', '=', local.requestId).execute()).toEqual([]);
  });

  it('nobody has the subject: every region says "not here" and the request is denied subject_not_found', async () => {
    const r = await submitAndForward(fed.nodes.eu, { type: 'access', externalId: 'nobody', contact: { channel: 'email', value: 'zqxj.nobody@example.org' }, forward: true }, { notifier: fed.notifiers.eu, actor: 'dpo' });
    expect(r.forward?.peers.map((p) => p.answer)).toEqual(['not_here', 'not_here']);
    expect(await rightsRequests.get(fed.nodes.eu.db, r.requestId)).toMatchObject({ status: 'denied', deny_reason: 'subject_not_found' });
  });

  it('two customers of the home region sharing the contact: the home denies it ambiguous_subject and sends no code', async () => {
    const shared = 'zqxj.shared@example.org';
    await ingestAtomically(fed.nodes.sea, [record('sea', { subject: { externalId: 'sea-zqxj-s1', email: shared } }), record('sea', { subject: { externalId: 'sea-zqxj-s2', email: shared } })]);
    const sent = fed.notifiers.sea.sent.length;
    const r = await submitAndForward(fed.nodes.eu, { type: 'erasure', externalId: 'x', contact: { channel: 'email', value: shared }, forward: true }, { notifier: fed.notifiers.eu, actor: 'dpo' });
    expect(r.forward?.peers.find((p) => p.region === 'sea')).toMatchObject({ answer: 'accepted' });
    await refreshForwardStatus(fed.nodes.eu, r.requestId);
    expect(await fed.nodes.eu.db.selectFrom('rights_forward_peers').select(['peer_status', 'peer_deny_reason']).where('request_id', '=', r.requestId).where('peer_region', '=', 'sea').executeTakeFirstOrThrow()).toEqual({ peer_status: 'denied', peer_deny_reason: 'ambiguous_subject' });
    expect(fed.notifiers.sea.sent.length).toBe(sent);
  });

  it('an unreachable peer is retried with back-off; the tag is kept only until it answers', async () => {
    let view: Awaited<ReturnType<typeof submitAndForward>>['forward'];
    let requestId = '';
    await fed.restartPeer('me', async () => {
      const r = await submitAndForward(fed.nodes.eu, { type: 'access', externalId: 'x', contact: { channel: 'email', value: SUBJECT.email }, forward: true }, { notifier: fed.notifiers.eu, actor: 'dpo' });
      requestId = r.requestId;
      view = r.forward;
    });
    expect(view).toMatchObject({ state: 'pending', attempts: 1, lastError: 'UNREACHABLE' });
    expect(view!.peers.map((p) => [p.region, p.answer])).toEqual([['sea', 'accepted']]);
    expect(await rightsRequests.get(fed.nodes.eu.db, requestId)).toMatchObject({ status: 'forwarded' });
    const held = await fed.nodes.eu.db.selectFrom('rights_forwards').select('tag').where('request_id', '=', requestId).executeTakeFirstOrThrow();
    expect(held.tag).not.toBeNull();
    expect(await deliverDueForwards(fed.nodes.eu)).toEqual({ attempted: 0 }); // not due yet
    skew = 5 * 60_000;
    expect(await deliverDueForwards(fed.nodes.eu)).toEqual({ attempted: 1 });
    const after = await fed.nodes.eu.db.selectFrom('rights_forwards').select(['tag', 'state']).where('request_id', '=', requestId).executeTakeFirstOrThrow();
    expect(after).toEqual({ tag: null, state: 'delivered' });
    skew = 0;
  });

  it('rate limit: a region that looks up too fast is refused with 429 before any lookup', async () => {
    const node = await testNode('sea', dialect, { crossRegion: { lookupKey: fed.lookupKey } });
    const server = await startPeerServer(node, { key: fed.ids.sea.key, cert: fed.ids.sea.cert, ca: fed.ca.certPem, revocation: fed.revocation, rateLimit: { perMinute: 1, burst: 2 }, minResponseMs: 0 });
    const dir = createPeerDirectory({ self: 'eu', peers: { sea: server.url }, ca: fed.ca.certPem, key: fed.ids.eu.key, cert: fed.ids.eu.cert });
    try {
      const results = [];
      for (let i = 0; i < 3; i++) results.push(await outcome(dir.client('sea').forward.mutate(forwardInput())));
      expect(results.slice(0, 2)).toMatchObject([{ ok: { match: 0 } }, { ok: { match: 0 } }]);
      expect(results[2]).toMatchObject({ status: 429, code: 'RATE_LIMITED', reason: 'peer_rate_limited' });
    } finally {
      await dir.close();
      await server.close();
      await node.close();
    }
  });
});
