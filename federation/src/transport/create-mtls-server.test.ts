import { once } from 'node:events';
import { Agent as HttpsAgent, createServer as createHttpsServer, request as httpsRequest, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { TRPCClientError } from '@trpc/client';
import { initTRPC } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isMeridianError } from '@meridian/core/errors/meridian-error.ts';
import {
  createCertificateAuthority,
  createCsr,
  createRevocationList,
  issueCertificate,
  revokeCertificate,
  verifyCertificate,
  type CertificateAuthority,
  type NodeRole,
} from '@meridian/core/pki/index.ts';
import { createEnrollmentService } from '../enrollment/create-enrollment-service.ts';
import { assertRegionClaim } from './assert-region-claim.ts';
import { createMtlsAgent } from './create-mtls-agent.ts';
import { createMtlsContext, type MtlsContext } from './create-mtls-context.ts';
import { createMtlsServer } from './create-mtls-server.ts';
import { createMtlsTrpcClient } from './create-mtls-trpc-client.ts';
import { createPeerAuthenticator } from './create-peer-authenticator.ts';
import { REGION_CLAIM_HEADER } from './region-claim-header.ts';
import { createRevocationStore, type RevocationStore } from './revocation-store.ts';
import { trpcErrorOf } from './trpc-error-of.ts';
import { withMtls } from './with-mtls.ts';

const DAY = 86_400_000;

interface Node {
  key: string;
  cert: string;
  region: string;
  serial: string;
}

let ca: CertificateAuthority;
let otherCa: CertificateAuthority;
let revocation: RevocationStore;
let coordinator: Node;
let server: Server;
let url: string;
let connections = 0;

function enroll(authority: CertificateAuthority, region: string, role: NodeRole, options: { now?: Date; validDays?: number } = {}): Node {
  const { csrPem, keyPem } = createCsr({ commonName: `${region}-${role}`, region, role });
  const cert = issueCertificate(authority, csrPem, { validDays: options.validDays ?? 7, ...(options.now ? { now: options.now } : {}) });
  return { key: keyPem, cert, region, serial: verifyCertificate(cert, authority.certPem, options.now ? { now: options.now } : {}).serial };
}

const t = initTRPC.context<MtlsContext>().create({
  // Exposes the typed evidence of Meridian errors thrown in procedures (core's tRPC base will own this).
  errorFormatter: ({ shape, error }) => ({
    ...shape,
    data: { ...shape.data, meridian: isMeridianError(error.cause) ? { code: error.cause.code, evidence: error.cause.evidence } : undefined },
  }),
});

let enrollment: ReturnType<typeof createEnrollmentService>;
const router = t.router({
  whoami: t.procedure.query(({ ctx }) => ({ region: ctx.peer.region, role: ctx.peer.role, serial: ctx.peer.serial })),
  submitUpdate: t.procedure.input(z.object({ region: z.string() })).mutation(({ ctx, input }) => {
    assertRegionClaim(ctx.peer, input.region);
    return { accepted: true };
  }),
  rotate: t.procedure.input(z.object({ csrPem: z.string() })).mutation(async ({ ctx, input }) => {
    try {
      return await enrollment.rotate({ csrPem: input.csrPem, peer: ctx.peer });
    } catch (error) {
      // tRPC turns any non-TRPCError into a 500; until core's tRPC base maps MeridianError globally, map it here.
      throw isMeridianError(error) ? trpcErrorOf(error) : error;
    }
  }),
});
type Router = typeof router;

/** The outcome of one call as `{ ok }` or `{ status, reason }`, whichever way it failed. */
async function call(node: Pick<Node, 'key' | 'cert' | 'region'>, options: { claim?: string; inputRegion?: string; agent?: Agent } = {}) {
  const agent = options.agent ?? createMtlsAgent({ ca: ca.certPem, key: node.key, cert: node.cert, expectServer: { roles: ['coordinator'] } });
  const client = createMtlsTrpcClient<Router>({ url, agent, region: options.claim ?? node.region });
  try {
    const result = options.inputRegion === undefined ? await client.whoami.query() : await client.submitUpdate.mutate({ region: options.inputRegion });
    return { ok: result };
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const data = error.data as { httpStatus?: number; meridian?: { evidence?: { reason?: string } } } | undefined;
    return { status: data?.httpStatus, reason: data?.meridian?.evidence?.reason, message: error.message };
  } finally {
    if (options.agent === undefined) await agent.close();
  }
}

async function listen(s: Server): Promise<string> {
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  return `https://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  // Backdated so that a certificate issued three days ago lies inside the CA's validity.
  ca = createCertificateAuthority({ name: 'Meridian federation CA', validDays: 40, keyBits: 2048, now: new Date(Date.now() - 10 * DAY) });
  otherCa = createCertificateAuthority({ name: 'Meridian federation CA', validDays: 40, keyBits: 2048 });
  revocation = createRevocationStore(ca.certPem, createRevocationList(ca));
  enrollment = createEnrollmentService({
    ca,
    allowedRegions: ['eu', 'sea', 'me'],
    validDays: 7,
    consumeToken: () => undefined,
    revoke: (serial, reason) => {
      revocation.update(revokeCertificate(ca, revocation.current(), serial, reason));
    },
  });
  coordinator = enroll(ca, 'eu', 'coordinator');
  server = createMtlsServer({
    key: coordinator.key,
    cert: coordinator.cert,
    ca: ca.certPem,
    revocation,
    allowedRoles: ['region', 'coordinator'],
    handler: createHTTPHandler({ router, createContext: createMtlsContext() }),
  });
  server.on('secureConnection', () => connections++);
  url = await listen(server);
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
});

describe('mTLS between federation nodes', () => {
  it('lets a node of the federation through and tells the handler who it is', async () => {
    const eu = enroll(ca, 'eu', 'region');
    expect(await call(eu)).toEqual({ ok: { region: 'eu', role: 'region', serial: eu.serial } });
    expect(await call(eu, { inputRegion: 'eu' })).toEqual({ ok: { accepted: true } });
  });

  it('refuses a certificate from another CA with the same name', async () => {
    expect(await call(enroll(otherCa, 'eu', 'region'))).toMatchObject({ status: 401, reason: 'wrong_issuer' });
  });

  it('refuses a client without a certificate', async () => {
    const agent = new Agent({ connect: { ca: ca.certPem } });
    const client = createMtlsTrpcClient<Router>({ url, agent, region: 'eu' });
    await expect(client.whoami.query()).rejects.toMatchObject({ data: { httpStatus: 401, meridian: { evidence: { reason: 'no_client_certificate' } } } });
    await agent.close();
  });

  it('refuses an expired certificate', async () => {
    const expired = enroll(ca, 'eu', 'region', { now: new Date(Date.now() - 3 * DAY), validDays: 1 });
    expect(await call(expired)).toMatchObject({ status: 401, reason: 'expired' });
  });

  it('refuses a certificate whose region does not match the claimed region, in the header or in the input', async () => {
    const sea = enroll(ca, 'sea', 'region');
    expect(await call(sea, { claim: 'eu' })).toMatchObject({ status: 403, reason: 'region_mismatch' });
    expect(await call(sea, { inputRegion: 'eu' })).toMatchObject({ status: 403, reason: 'region_mismatch' });
    const res = await request(url + '/whoami', { dispatcher: createMtlsAgent({ ca: ca.certPem, key: sea.key, cert: sea.cert }) });
    expect(res.statusCode).toBe(401);
    expect(JSON.stringify(await res.body.json())).toContain('missing_region_claim');
  });

  it('refuses a role the server does not serve', async () => {
    expect(await call(enroll(ca, 'eu', 'console'))).toMatchObject({ status: 403, reason: 'role_not_allowed' });
  });

  it('refuses a certificate revoked while the server runs, and drops its open connection', async () => {
    const me = enroll(ca, 'me', 'region');
    // One connection per origin, so the second call would reuse the first call's connection if it survived.
    const agent = createMtlsAgent({ ca: ca.certPem, key: me.key, cert: me.cert, connections: 1 });
    const opened: TLSSocket[] = [];
    const track = (socket: TLSSocket) => opened.push(socket);
    server.on('secureConnection', track);
    expect(await call(me, { agent })).toMatchObject({ ok: { region: 'me' } });
    expect(opened).toHaveLength(1);
    const closed = once(opened[0] as TLSSocket, 'close');
    revocation.update(revokeCertificate(ca, revocation.current(), me.serial, 'keyCompromise'));
    await closed; // the server hung up on the revoked peer without waiting for its next request
    expect(await call(me, { agent })).toMatchObject({ status: 401, reason: 'revoked' });
    expect(await call(me)).toMatchObject({ status: 401, reason: 'revoked' });
    server.off('secureConnection', track);
    await agent.close();
  });

  it('rotates: the new certificate works, the superseded one is refused', async () => {
    const eu = enroll(ca, 'eu', 'region');
    const agent = createMtlsAgent({ ca: ca.certPem, key: eu.key, cert: eu.cert });
    const client = createMtlsTrpcClient<Router>({ url, agent, region: 'eu' });
    const next = createCsr({ commonName: 'eu-region', region: 'eu', role: 'region' });
    const rotated = await client.rotate.mutate({ csrPem: next.csrPem });
    await agent.close();
    expect(rotated.serial).not.toBe(eu.serial);
    expect(await call({ key: next.keyPem, cert: rotated.certPem, region: 'eu' })).toMatchObject({ ok: { region: 'eu', serial: rotated.serial } });
    expect(await call(eu)).toMatchObject({ status: 401, reason: 'revoked' });
    expect(revocation.current().revoked.find((r) => r.serial === eu.serial)?.reason).toBe('superseded');
  });

  it('refuses a rotation CSR for another region', async () => {
    const sea = enroll(ca, 'sea', 'region');
    const agent = createMtlsAgent({ ca: ca.certPem, key: sea.key, cert: sea.cert });
    const client = createMtlsTrpcClient<Router>({ url, agent, region: 'sea' });
    const csr = createCsr({ commonName: 'x', region: 'eu', role: 'region' });
    await expect(client.rotate.mutate({ csrPem: csr.csrPem })).rejects.toMatchObject({
      data: { httpStatus: 403, meridian: { evidence: { reason: 'region_not_granted', requested: 'eu', granted: 'sea' } } },
    });
    await agent.close();
    expect(await call(sea)).toMatchObject({ ok: { region: 'sea' } });
  });

  it('still knows the peer on a resumed TLS session, and still checks revocation there', async () => {
    const eu = enroll(ca, 'eu', 'region');
    // node:https caches the TLS session and, without keep-alive, resumes it on every new connection.
    const agent = new HttpsAgent({ ca: ca.certPem, key: eu.key, cert: eu.cert, keepAlive: false, maxCachedSessions: 10 });
    const get = () =>
      new Promise<{ status: number; reused: boolean; body: string }>((resolve, reject) => {
        const req = httpsRequest(`${url}/whoami`, { agent, headers: { [REGION_CLAIM_HEADER]: 'eu' } }, (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: (res.socket as TLSSocket).isSessionReused(), body }));
        });
        req.on('error', reject).end();
      });
    expect(await get()).toMatchObject({ status: 200, reused: false });
    const resumed = await get();
    expect(resumed).toMatchObject({ status: 200, reused: true });
    expect(resumed.body).toContain(eu.serial);
    revocation.update(revokeCertificate(ca, revocation.current(), eu.serial, 'keyCompromise'));
    const refused = await get();
    expect(refused).toMatchObject({ status: 401, reused: true });
    expect(refused.body).toContain('revoked');
    agent.destroy();
  });
});

describe('the client side checks the server too', () => {
  it('refuses a server with the wrong role or a revoked certificate', async () => {
    const eu = enroll(ca, 'eu', 'region');
    const wrongRole = createMtlsAgent({ ca: ca.certPem, key: eu.key, cert: eu.cert, expectServer: { roles: ['witness'] } });
    const client = createMtlsTrpcClient<Router>({ url, agent: wrongRole, region: 'eu' });
    const error = await client.whoami.query().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect(String((error as Error & { cause?: { cause?: unknown } }).cause?.cause)).toMatch(/role coordinator is not allowed/);
    await wrongRole.close();

    const list = revokeCertificate(ca, createRevocationList(ca), coordinator.serial, 'keyCompromise');
    const view = createRevocationStore(ca.certPem, list);
    const revokedServer = createMtlsAgent({ ca: ca.certPem, key: eu.key, cert: eu.cert, revocation: view });
    const second = await createMtlsTrpcClient<Router>({ url, agent: revokedServer, region: 'eu' }).whoami.query().catch((e: unknown) => e);
    expect(String((second as Error & { cause?: { cause?: unknown } }).cause?.cause)).toMatch(/revoked/);
    await revokedServer.close();
  });

  it('will not start a server on a revoked certificate', () => {
    const node = enroll(ca, 'sea', 'coordinator');
    const view = createRevocationStore(ca.certPem, revokeCertificate(ca, createRevocationList(ca), node.serial, 'superseded'));
    expect(() => createMtlsServer({ key: node.key, cert: node.cert, ca: ca.certPem, revocation: view, handler: () => undefined })).toThrow(/revoked/);
  });
});

describe('withMtls around a plain handler', () => {
  it('re-checks every request on a kept-alive connection', async () => {
    const store = createRevocationStore(ca.certPem, createRevocationList(ca));
    let secureConnections = 0;
    // Deliberately without createMtlsServer's connection dropping: the per-request check alone must hold.
    const plain = createHttpsServer(
      { key: coordinator.key, cert: coordinator.cert, ca: ca.certPem, requestCert: true, rejectUnauthorized: false, minVersion: 'TLSv1.3' },
      withMtls((_req, res) => res.end('hello'), createPeerAuthenticator({ ca: ca.certPem, revocation: store })),
    );
    plain.on('secureConnection', () => secureConnections++);
    const base = await listen(plain);
    const node = enroll(ca, 'eu', 'region');
    const agent = createMtlsAgent({ ca: ca.certPem, key: node.key, cert: node.cert, connections: 1 });
    const get = async () => {
      const res = await request(base, { dispatcher: agent, headers: { [REGION_CLAIM_HEADER]: 'eu' } });
      return { status: res.statusCode, body: await res.body.text() };
    };
    expect(await get()).toEqual({ status: 200, body: 'hello' });
    store.update(revokeCertificate(ca, store.current(), node.serial, 'keyCompromise'));
    const refused = await get();
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { data: { code: 'UNAUTHORIZED', meridian: { code: 'UNAUTHENTICATED', evidence: { reason: 'revoked' } } } } });
    expect(secureConnections).toBe(1);
    await agent.close();
    plain.closeAllConnections();
    plain.close();
  });
});
