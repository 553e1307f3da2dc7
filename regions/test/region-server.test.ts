import { describe, it, expect } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { testNode, record } from './node-fixture.ts';
import { serve, servedNodeFor, TEST_TOKEN } from './http-fixture.ts';

describe.each(DIALECTS)('region server on %s', (dialect) => {
  const h = servedNodeFor(dialect);

  it('stores a message over HTTP and counts it in /metrics', async () => {
    const r = await h.http.call('ingest.message', record('eu'));
    expect(r.status).toBe(200);
    expect(r.json.result.data).toMatchObject({ duplicate: false, specialHandling: 'none' });
    const metrics = await (await fetch(`${h.http.server.url}/metrics`)).text();
    expect(metrics).toMatch(/meridian_messages_ingested_total\{[^}]*channel="chat"[^}]*\} 1/);
  });

  it('answers a sea subject with 422 RESIDENCY_VIOLATION and evidence, storing nothing', async () => {
    const before = await h.node.db.selectFrom('messages').select((e) => e.fn.countAll<number>().as('c')).executeTakeFirstOrThrow();
    const r = await h.http.call('ingest.message', record('sea'));
    expect(r.status).toBe(422);
    expect(r.json.error.data).toMatchObject({ meridianCode: 'RESIDENCY_VIOLATION', evidence: { homeRegion: 'sea', nodeRegion: 'eu' } });
    const after = await h.node.db.selectFrom('messages').select((e) => e.fn.countAll<number>().as('c')).executeTakeFirstOrThrow();
    expect(Number(after.c)).toBe(Number(before.c));
  });

  it('refuses a caller without a valid token with 401', async () => {
    expect((await h.http.call('ingest.message', record('eu'), null)).status).toBe(401);
    const r = await h.http.call('ingest.message', record('eu'), 'wrong-token-000000000000');
    expect(r.status).toBe(401);
    expect(r.json.error.data.meridianCode).toBe('UNAUTHENTICATED');
  });

  it('reports validation failures by path, never echoing the values', async () => {
    const bad = record('eu', { subject: { email: 'not-an-email-Zq81', externalId: 'x' } });
    const r = await h.http.call('ingest.message', bad);
    expect(r.status).toBe(400);
    expect(r.json.error.data.meridianCode).toBe('BAD_INPUT');
    expect(r.json.error.data.issues.map((i: { path: string }) => i.path)).toContain('subject.email');
    expect(JSON.stringify(r.json)).not.toContain('Zq81');
  });

  it('serves health, readiness and a 404 for unknown routes', async () => {
    expect((await fetch(`${h.http.server.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${h.http.server.url}/readyz`)).json()).toMatchObject({ status: 'ready', region: 'eu' });
    expect((await fetch(`${h.http.server.url}/nope`)).status).toBe(404);
    expect((await h.http.call('no.such.procedure', {})).status).toBe(404);
  });
});

describe('consent API', () => {
  it('records changes with history and answers 404 for an unknown customer', async () => {
    const node = await testNode('eu', 'pglite');
    const http = await serve(node);
    try {
      await http.call('ingest.message', record('eu', { subject: { externalId: 'consent-api-1' }, consents: [{ purpose: 'model_training', granted: true }] }));
      const off = await http.call('consent.change', { externalId: 'consent-api-1', purpose: 'model_training', granted: false, source: 'preference-centre' });
      expect(off.json.result.data.changed).toBe(true);
      const again = await http.call('consent.change', { externalId: 'consent-api-1', purpose: 'model_training', granted: false, source: 'preference-centre' });
      expect(again.json.result.data.changed).toBe(false);
      const res = await fetch(`${http.server.url}/trpc/consent.history?input=${encodeURIComponent(JSON.stringify({ externalId: 'consent-api-1' }))}`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
      const history = (await res.json()).result.data as { purpose: string; granted: boolean; source: string }[];
      expect(history.map((h) => [h.purpose, h.granted, h.source])).toEqual([
        ['model_training', true, 'ingest:chat'],
        ['model_training', false, 'preference-centre'],
      ]);
      const missing = await http.call('consent.change', { externalId: 'nobody', purpose: 'analytics', granted: true, source: 'x' });
      expect(missing.status).toBe(404);
      expect(missing.json.error.data.meridianCode).toBe('NOT_FOUND');
    } finally {
      await http.server.close();
      await node.close();
    }
  });
});
