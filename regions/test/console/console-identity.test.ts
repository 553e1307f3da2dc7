import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { generateKeyPairSync, sign } from 'node:crypto';
import { DIALECTS } from '../../../test/databases.ts';
import { CONSOLE_ASSERTION_HEADER, ASSERTION_SIGNING_DOMAIN } from '@meridian/core/access/console-assertion.ts';
import { consoleTrust } from '@meridian/core/access/console-trust.ts';
import { createRegionCaller } from '../../src/server/region-router.ts';
import { startRegionServer } from '../../src/server/start-region-server.ts';
import { parseTokens } from '../../src/server/bearer-tokens.ts';
import { consoleNode, assertionFor, type ConsoleUser } from './console-fixture.ts';

const TOKEN = 'ingest-token-0123456789abcdef';
const dpo: ConsoleUser = { id: 'dpo-eu', grants: [{ role: 'dpo', region: 'eu' }] };
const operator: ConsoleUser = { id: 'operator-eu', grants: [{ role: 'operator', region: 'eu' }] };

describe.each(DIALECTS)('console identity at the region node API on %s', (dialect) => {
  let fx: Awaited<ReturnType<typeof consoleNode>>;
  let server: Awaited<ReturnType<typeof startRegionServer>>;
  const now = () => fx.node.now().getTime();
  const refused = (reason: string) => expect.objectContaining({ code: 'UNAUTHORIZED', cause: expect.objectContaining({ code: 'UNAUTHENTICATED', evidence: { reason } }) });
  /** Calls console.requests.subjectData (the most sensitive procedure) with a given context. */
  const attempt = (ctx: { consoleAssertion?: string; consoleTrust?: ReturnType<typeof consoleTrust>; caller?: { kind: 'ingest'; name: string } | null }) =>
    createRegionCaller({ node: fx.node, caller: ctx.caller ?? null, consoleTrust: 'consoleTrust' in ctx ? ctx.consoleTrust : fx.trust, consoleAssertion: ctx.consoleAssertion }).console.requests.subjectData({ requestId: fx.requests.received });
  const get = (path: string, headers: Record<string, string>, input?: unknown) =>
    fetch(`${server.url}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`, { headers }).then(async (r) => ({ status: r.status, json: (await r.json()) as any }));

  beforeAll(async () => {
    fx = await consoleNode(dialect);
    server = await startRegionServer(fx.node, { tokens: parseTokens(`tests:${TOKEN}`), consoleTrust: fx.trust });
  });
  afterAll(async () => {
    await server?.close();
    await fx?.close();
  });

  it('refuses every forged, stale, misdirected or replayed assertion before any data is read, and records nothing', async () => {
    const size = await fx.node.ledger.size();
    const attacker = generateKeyPairSync('ed25519');
    const good = assertionFor(dpo, now());
    const payload = JSON.parse(Buffer.from(good.split('.')[1]!, 'base64url').toString());
    const promoted = Buffer.from(JSON.stringify({ ...payload, grants: [{ role: 'dpo', region: 'eu' }, { role: 'admin', region: 'eu' }] })).toString('base64url');
    const cases: [string, Parameters<typeof attempt>[0]][] = [
      ['missing', {}],
      ['missing', { caller: { kind: 'ingest', name: 'tests' } }],
      ['unknown_key', { consoleAssertion: assertionFor(dpo, now(), 'eu', attacker.privateKey) }],
      ['bad_signature', { consoleAssertion: `mca1.${promoted}.${good.split('.')[2]}` }],
      ['bad_signature', { consoleAssertion: `mca1.${promoted}.${sign(null, Buffer.from(ASSERTION_SIGNING_DOMAIN + promoted), attacker.privateKey).toString('base64url')}` }],
      ['wrong_audience', { consoleAssertion: assertionFor(dpo, now(), 'sea') }],
      ['expired', { consoleAssertion: assertionFor(dpo, now() - 120_000) }],
      ['not_yet_valid', { consoleAssertion: assertionFor(dpo, now() + 120_000) }],
      ['malformed', { consoleAssertion: 'Bearer ' + TOKEN }],
      ['console_not_trusted', { consoleAssertion: assertionFor(dpo, now()), consoleTrust: undefined }],
      ['console_not_trusted', { consoleAssertion: assertionFor(dpo, now()), consoleTrust: consoleTrust([]) }],
    ];
    for (const [reason, ctx] of cases) await expect(attempt(ctx), reason).rejects.toThrow(refused(reason));
    const once = assertionFor(dpo, now());
    await expect(attempt({ consoleAssertion: once })).resolves.toMatchObject({ recorded: true });
    await expect(attempt({ consoleAssertion: once })).rejects.toThrow(refused('replayed'));
    // Only the one genuine view was recorded.
    expect(await fx.node.ledger.size()).toBe(size + 1);
  });

  it('over HTTP: the assertion travels in its header; a batch shares it; a second request cannot reuse it; a bearer token is no substitute', async () => {
    const h = assertionFor(operator, now());
    const ok = await get('console.stats.health', { [CONSOLE_ASSERTION_HEADER]: h });
    expect(ok.status).toBe(200);
    expect(ok.json.result.data).toMatchObject({ region: 'eu', database: 'ok' });
    expect((await get('console.stats.health', { [CONSOLE_ASSERTION_HEADER]: h })).status).toBe(401);

    const batchHeader = assertionFor(operator, now());
    const batch = await fetch(`${server.url}/trpc/console.stats.health,console.training.budgets?batch=1&input=${encodeURIComponent('{}')}`, { headers: { [CONSOLE_ASSERTION_HEADER]: batchHeader } });
    expect(batch.status).toBe(200);
    const parts = (await batch.json()) as any[];
    expect(parts.map((p) => !!p.result)).toEqual([true, true]);

    const bearer = await get('console.stats.health', { authorization: `Bearer ${TOKEN}` });
    expect(bearer.status).toBe(401);
    expect(bearer.json.error.data).toMatchObject({ meridianCode: 'UNAUTHENTICATED', evidence: { reason: 'missing' } });
    const forbidden = await get('console.requests.queue', { [CONSOLE_ASSERTION_HEADER]: assertionFor(operator, now()) }, {});
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.error.data).toMatchObject({ meridianCode: 'FORBIDDEN', evidence: { action: 'read', subject: 'RightsRequest' } });
  });

  it('the ingest API is unchanged by the console: its bearer token grants nothing under console.*, and an assertion grants nothing outside it', async () => {
    const r = await fetch(`${server.url}/trpc/rights.list?input=${encodeURIComponent('{}')}`, { headers: { [CONSOLE_ASSERTION_HEADER]: assertionFor(dpo, now()) } });
    expect(r.status).toBe(401);
  });
});
