import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../../test/databases.ts';
import { findCanaries } from '../../../test/dump-database.ts';
import { CONSOLE_ASSERTION_HEADER } from '@meridian/core/access/console-assertion.ts';
import { consoleRouter } from '../../src/console/console-router.ts';
import { startRegionServer } from '../../src/server/start-region-server.ts';
import { consoleNode, assertionFor, canaryValues, type ConsoleUser } from './console-fixture.ts';
import { VARIANTS, USERS } from './console-calls.ts';

const kindOf = (path: string) => (consoleRouter._def.procedures as Record<string, { _def: { type: string } }>)[path]!._def.type;

describe.each(DIALECTS)('no console response to a non-DPO carries personal data, on %s', (dialect) => {
  let fx: Awaited<ReturnType<typeof consoleNode>>;
  let server: Awaited<ReturnType<typeof startRegionServer>>;

  /** Every console procedure with every input the tests know, over real HTTP; the raw response bytes, each status. */
  async function crawl(user: ConsoleUser): Promise<{ bytes: Buffer; statuses: Record<string, number[]> }> {
    const chunks: Buffer[] = [];
    const statuses: Record<string, number[]> = {};
    for (const path of Object.keys(consoleRouter._def.procedures)) {
      for (const v of VARIANTS[path]!) {
        const input = await v.input(fx);
        const headers = { [CONSOLE_ASSERTION_HEADER]: assertionFor(user, fx.node.now().getTime()), 'content-type': 'application/json' };
        const url = `${server.url}/trpc/console.${path}`;
        const res = kindOf(path) === 'query'
          ? await fetch(input === undefined ? url : `${url}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
          : await fetch(url, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
        chunks.push(Buffer.from(await res.arrayBuffer()));
        (statuses[path] ??= []).push(res.status);
      }
    }
    return { bytes: Buffer.concat(chunks), statuses };
  }

  beforeAll(async () => {
    fx = await consoleNode(dialect);
    server = await startRegionServer(fx.node, { tokens: [], consoleTrust: fx.trust });
  });
  afterAll(async () => {
    await server?.close();
    await fx?.close();
  });

  it('control: the crawl finds the canaries in what a DPO of the region is shown', async () => {
    const { bytes, statuses } = await crawl({ id: 'dpo-eu', grants: [{ role: 'dpo', region: 'eu' }] });
    expect(statuses['requests.subjectData']!.slice(0, 2)).toEqual([200, 200]);
    expect(findCanaries(bytes, canaryValues()).length).toBeGreaterThan(3);
  });

  it('operators, auditors, admins, other regions’ DPOs and users without a grant get none, from any procedure', async () => {
    const crawled = USERS.filter((u) => u.id !== 'dpo-eu');
    expect(crawled.map((u) => u.id)).toEqual(expect.arrayContaining(['operator-eu', 'auditor-eu', 'admin-eu', 'dpo-sea', 'nobody', 'mixed']));
    const served: Record<string, number> = {};
    for (const user of crawled) {
      const { bytes, statuses } = await crawl(user);
      expect(findCanaries(bytes, canaryValues()), user.id).toEqual([]);
      for (const [path, codes] of Object.entries(statuses)) served[path] = (served[path] ?? 0) + codes.filter((c) => c === 200).length;
    }
    // The crawl did read real answers: each non-personal procedure answered someone in this set.
    for (const path of ['requests.queue', 'requests.get', 'requests.certificate', 'dataMap', 'stats.health', 'stats.traffic', 'training.rounds', 'training.models', 'training.budgets', 'ledger.checkpoints', 'ledger.evidence']) {
      expect(served[path], path).toBeGreaterThan(0);
    }
  });
});
