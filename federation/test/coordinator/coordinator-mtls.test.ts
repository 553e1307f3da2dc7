import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, request } from 'undici';
import { freshDatabase, type TestDatabase } from '../../../test/databases.ts';
import type { Weights } from '../../src/model/weights.ts';
import { envelopeOfFitResult } from '../../src/round/envelope-of-fit-result.ts';
import { toWireUpdate } from '../../src/round/wire-update.ts';
import { createCoordinatorClient, type CoordinatorClient } from '../../src/round/participant/coordinator-client.ts';
import { createMtlsAgent } from '../../src/transport/create-mtls-agent.ts';
import { createTestPki, type NodeIdentity, type TestPki } from './support/test-pki.ts';
import { startTestCoordinator, type TestCoordinator } from './support/coordinator-fixture.ts';

const initial: Weights = { w: Float32Array.of(1, 2, 3), b: Float32Array.of(0) };
const update = (round: number, w: number[], n = 10) => toWireUpdate(envelopeOfFitResult({ region: 'x', numExamples: n, delta: { w: Float32Array.from(w), b: Float32Array.of(0) } }, { federation: 'intent', round }));

let pki: TestPki;
let t: TestDatabase;
let c: TestCoordinator;
const open: { close: () => Promise<void> }[] = [];

function clientFor(identity: NodeIdentity, claim = identity.region, ca = pki.ca.certPem): CoordinatorClient {
  const agent = createMtlsAgent({ ca, key: identity.key, cert: identity.cert, expectServer: { roles: ['coordinator'] } });
  open.push({ close: () => agent.close() });
  return createCoordinatorClient({ url: c.running.url, agent, region: claim });
}

beforeAll(async () => {
  pki = createTestPki();
  t = await freshDatabase('postgres');
  c = await startTestCoordinator({ db: t.db, pki, initialWeights: initial, settings: { rounds: 1, minParticipants: 3, stragglerTimeoutMs: 50_000 } });
  // Every region shows up once, which opens round 1 and keeps it open (no one trains).
  for (const id of Object.values(pki.regions)) await clientFor(id).round.poll.query({ federation: 'intent' });
  await c.event('round_opened');
});
afterAll(async () => {
  await Promise.all(open.map((o) => o.close()));
  await c?.running.close();
  await t?.close();
});

describe('who may talk to the coordinator', () => {
  it('refuses a certificate from another CA', async () => {
    const other = createTestPki(['eu']);
    await expect(clientFor(other.regions.eu!).round.poll.query({ federation: 'intent' })).rejects.toMatchObject({
      data: { httpStatus: 401, meridian: { code: 'UNAUTHENTICATED', evidence: { reason: 'wrong_issuer' } } },
    });
  });

  it('refuses a revoked certificate', async () => {
    const revoked = pki.enroll('eu', 'region');
    expect(await clientFor(revoked).round.poll.query({ federation: 'intent' })).toMatchObject({ phase: 'fit' });
    pki.revoke(revoked.serial);
    await expect(clientFor(revoked).round.poll.query({ federation: 'intent' })).rejects.toMatchObject({ data: { httpStatus: 401, meridian: { evidence: { reason: 'revoked' } } } });
  });

  it('refuses a certificate whose region does not match its claim', async () => {
    await expect(clientFor(pki.regions.sea!, 'eu').round.poll.query({ federation: 'intent' })).rejects.toMatchObject({
      data: { httpStatus: 403, meridian: { evidence: { reason: 'region_mismatch' } } },
    });
  });

  it('refuses a region of the federation that is not a participant, and roles other than region', async () => {
    await expect(clientFor(pki.enroll('us', 'region')).round.poll.query({ federation: 'intent' })).rejects.toMatchObject({
      data: { httpStatus: 403, evidence: { reason: 'not_a_participant' } },
    });
    const console = clientFor(pki.enroll('eu', 'console'));
    await expect(console.round.poll.query({ federation: 'intent' })).rejects.toMatchObject({ data: { httpStatus: 403, evidence: { reason: 'role_not_allowed' } } });
    expect(await console.status.query({ federation: 'intent' })).toMatchObject({ state: 'open', round: 0, live: { round: 1, invited: ['eu', 'me', 'sea'] } });
  });

  it('takes the region from the certificate: an update is recorded for its sender only', async () => {
    const eu = clientFor(pki.regions.eu!);
    expect(await eu.round.submit.mutate(update(1, [1, 1, 1]))).toEqual({ duplicate: false });
    expect(c.running.coordinator.status().live?.submitted).toEqual(['eu']);
  });
});

describe('what the coordinator accepts as an update', () => {
  it('treats a resent identical update as a retry and a different one as a conflict', async () => {
    const me = clientFor(pki.regions.me!);
    expect(await me.round.submit.mutate(update(1, [2, 2, 2]))).toEqual({ duplicate: false });
    expect(await me.round.submit.mutate(update(1, [2, 2, 2]))).toEqual({ duplicate: true });
    await expect(me.round.submit.mutate(update(1, [3, 3, 3]))).rejects.toMatchObject({ data: { httpStatus: 409, evidence: { reason: 'update_already_received' } } });
  });

  it('refuses malformed or poisoned updates with a typed 400, and updates for another round with a 409', async () => {
    const sea = clientFor(pki.regions.sea!);
    const nan = update(1, [Number.NaN, 0, 0]);
    await expect(sea.round.submit.mutate(nan)).rejects.toMatchObject({ data: { httpStatus: 400, evidence: { reason: 'non_finite', tensor: 'w', index: 0 } } });
    await expect(sea.round.submit.mutate(update(1, [1, 2]))).rejects.toMatchObject({ data: { httpStatus: 400, evidence: { reason: 'tensor_shape', tensor: 'w' } } });
    await expect(sea.round.submit.mutate({ ...update(1, [1, 2, 3]), encoding: 'secagg-ring-u32' })).rejects.toMatchObject({ data: { httpStatus: 400, evidence: { reason: 'unknown_encoding' } } });
    await expect(sea.round.submit.mutate({ ...update(1, [1, 2, 3]), tensors: { ...update(1, [1, 2, 3]).tensors, extra: 'AAAAAA==' } })).rejects.toMatchObject({
      data: { httpStatus: 400, evidence: { reason: 'unknown_tensor' } },
    });
    await expect(sea.round.submit.mutate({ ...update(1, [1, 2, 3]), metrics: { 'e-mail address': 1 } })).rejects.toMatchObject({ data: { httpStatus: 400, meridianCode: 'BAD_INPUT' } });
    await expect(sea.round.submit.mutate(update(2, [1, 2, 3]))).rejects.toMatchObject({ data: { httpStatus: 409, evidence: { reason: 'round_not_open', currentRound: 1 } } });
    expect(c.running.coordinator.status().live?.submitted).toEqual(['eu', 'me']);
  });

  it('lets the round channel relay messages between the round parties only', async () => {
    const eu = clientFor(pki.regions.eu!);
    const me = clientFor(pki.regions.me!);
    const sea = clientFor(pki.regions.sea!);
    await eu.round.post.mutate({ federation: 'intent', round: 1, topic: 'keys', body: Buffer.from('eu-public').toString('base64') });
    await eu.round.post.mutate({ federation: 'intent', round: 1, topic: 'shares', to: 'me', body: Buffer.from('for-me').toString('base64') });
    expect((await me.round.read.query({ federation: 'intent', round: 1, topic: 'shares' })).map((m) => [m.from, m.to])).toEqual([['eu', 'me']]);
    expect(await sea.round.read.query({ federation: 'intent', round: 1, topic: 'shares' })).toEqual([]);
    expect((await sea.round.read.query({ federation: 'intent', round: 1, topic: 'keys' })).map((m) => Buffer.from(m.body, 'base64').toString())).toEqual(['eu-public']);
    await expect(eu.round.post.mutate({ federation: 'intent', round: 1, topic: 'keys', to: 'us', body: '' })).rejects.toMatchObject({ data: { httpStatus: 400, evidence: { reason: 'unknown_recipient' } } });
  });
});

describe('operations endpoints', () => {
  it('serves health and Prometheus metrics to federation certificates only', async () => {
    const id = pki.enroll('eu', 'console');
    const agent = createMtlsAgent({ ca: pki.ca.certPem, key: id.key, cert: id.cert });
    open.push({ close: () => agent.close() });
    const get = async (path: string) => {
      const res = await request(`${c.running.url}${path}`, { dispatcher: agent, headers: { 'x-meridian-region': 'eu' } });
      return { status: res.statusCode, body: await res.body.text() };
    };
    expect(await get('/healthz')).toMatchObject({ status: 200 });
    const metrics = await get('/metrics/intent');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatch(/meridian_federation_updates_total\{region="eu",federation="intent"\} 1/);
    expect(metrics.body).toMatch(/meridian_federation_updates_refused_total\{reason="non_finite",federation="intent"\} 1/);
    expect((await get('/metrics/other')).status).toBe(404);
    const stranger = new Agent({ connect: { ca: pki.ca.certPem } });
    open.push({ close: () => stranger.close() });
    expect((await request(`${c.running.url}/healthz`, { dispatcher: stranger })).statusCode).toBe(401);
  });
});

describe('the region client', () => {
  it('refuses a server that is not the coordinator', async () => {
    const eu = pki.regions.eu!;
    const agent = createMtlsAgent({ ca: pki.ca.certPem, key: eu.key, cert: eu.cert, expectServer: { roles: ['witness'] } });
    open.push({ close: () => agent.close() });
    const error = await createCoordinatorClient({ url: c.running.url, agent, region: 'eu' })
      .round.poll.query({ federation: 'intent' })
      .catch((e: unknown) => e);
    expect(String((error as { cause?: { cause?: unknown } }).cause?.cause)).toMatch(/role coordinator is not allowed/);
  });
});
