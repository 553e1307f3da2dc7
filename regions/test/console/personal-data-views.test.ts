import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../../test/databases.ts';
import { findCanaries } from '../../../test/dump-database.ts';
import { decodeLeaf } from '@meridian/audit/ledger/decode-leaf.ts';
import { OPEN_REQUEST_STATES } from '@meridian/core/access/open-request-states.ts';
import { NEXT_STATES, RIGHTS_REQUEST_STATES } from '../../src/rights/rights-request-type.ts';
import { createRegionCaller } from '../../src/server/region-router.ts';
import { consoleNode, canaryValues, assertionFor, CANARIES, type ConsoleUser } from './console-fixture.ts';

const dpo: ConsoleUser = { id: 'dpo-eu-17', grants: [{ role: 'dpo', region: 'eu' }] };
const operator: ConsoleUser = { id: 'op-eu-3', grants: [{ role: 'operator', region: 'eu' }] };

describe.each(DIALECTS)('personal-data views are proven on the ledger, on %s', (dialect) => {
  let fx: Awaited<ReturnType<typeof consoleNode>>;
  const newEntries = async (from: number) => (await fx.node.ledger.entries(from, await fx.node.ledger.size())).map((e) => ({ leaf: decodeLeaf(e.leaf), bytes: Buffer.from(e.leaf) }));
  beforeAll(async () => {
    fx = await consoleNode(dialect);
  });
  afterAll(async () => fx?.close());

  it('each DPO view (subject data, consent history, access report) appends one access leaf naming the viewer, never the data', async () => {
    const views = [
      { call: () => fx.as(dpo).requests.subjectData({ requestId: fx.requests.received }), requestId: fx.requests.received, view: 'subject_data' },
      { call: () => fx.as(dpo).requests.consentHistory({ requestId: fx.requests.verified }), requestId: fx.requests.verified, view: 'consent_history' },
      { call: () => fx.as(dpo).requests.accessReport({ requestId: fx.requests.completedAccess }), requestId: fx.requests.completedAccess, view: 'access_report' },
    ];
    for (const v of views) {
      const from = await fx.node.ledger.size();
      const shown = await v.call();
      const added = await newEntries(from);
      expect(added).toHaveLength(1);
      expect(added[0]!.leaf).toMatchObject({ type: 'access', region: 'eu', refId: v.requestId, meta: { action: 'console_view', view: v.view, by: 'console:dpo-eu-17', session: 's-dpo-eu-17' } });
      expect(findCanaries(added[0]!.bytes, canaryValues())).toEqual([]);
      expect(JSON.stringify(shown).length).toBeGreaterThan(0);
    }
    // The data really was shown to the DPO (so the leaf above is about a real disclosure).
    const shown = await fx.as(dpo).requests.subjectData({ requestId: fx.requests.received });
    expect(shown.subject).toMatchObject({ name: CANARIES.ana.name, email: CANARIES.ana.email, phone: CANARIES.ana.phone, messages: { total: 2 } });
    expect(shown.details).toEqual({ field: 'email', value: CANARIES.newEmail });
    // The request's evidence bundle (what an auditor gets) now lists the views.
    const bundle = await fx.as({ id: 'aud', grants: [{ role: 'auditor', region: 'eu' }] }).ledger.evidence({ refId: fx.requests.received });
    const leaves = bundle.entries.map((e) => decodeLeaf(Buffer.from(e.leaf, 'base64')));
    expect(leaves.filter((l) => l.type === 'access' && l.meta.action === 'console_view').length).toBeGreaterThanOrEqual(2);
  });

  it('a refused view, and a view of a request no subject matched, record nothing and show nothing', async () => {
    const from = await fx.node.ledger.size();
    await expect(fx.as(operator).requests.subjectData({ requestId: fx.requests.received })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(fx.as(dpo).requests.subjectData({ requestId: fx.requests.denied })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(fx.as(dpo).requests.subjectData({ requestId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(fx.as(operator).requests.subjectData({ requestId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await fx.as(dpo).requests.subjectData({ requestId: fx.requests.unmatched })).toMatchObject({ subject: null, recorded: false });
    expect(await fx.node.ledger.size()).toBe(from);
  });

  it('a node that cannot record the view refuses to show the data', async () => {
    const { events, ...withoutLedger } = fx.node;
    expect(events).toBeDefined();
    const caller = createRegionCaller({ node: { ...withoutLedger, events: undefined }, caller: null, consoleTrust: fx.trust, consoleAssertion: assertionFor(dpo, fx.node.now().getTime()) });
    await expect(caller.console.requests.subjectData({ requestId: fx.requests.received })).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });

  it('"open" in core means exactly the lifecycle states that have a next state', () => {
    for (const s of RIGHTS_REQUEST_STATES) expect((OPEN_REQUEST_STATES as readonly string[]).includes(s), s).toBe(NEXT_STATES[s].length > 0);
  });
});
