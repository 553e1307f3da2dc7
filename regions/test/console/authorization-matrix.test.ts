import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../../test/databases.ts';
import type { ConsoleRole } from '@meridian/core/access/console-role.ts';
import { consoleRouter } from '../../src/console/console-router.ts';
import { rightsRequests } from '../../src/rights/rights-request.repository.ts';
import { consoleNode, callPath, type ConsoleUser } from './console-fixture.ts';
import { VARIANTS, USERS, type Variant } from './console-calls.ts';

type Fixture = Awaited<ReturnType<typeof consoleNode>>;

/**
 * The access rules as issue 7 and DESIGN.md §7 state them, written out here
 * independently of the CASL rules under test: who may call each console
 * procedure at a node of their region, and in which request states.
 */
const RULES: Record<string, { roles: ConsoleRole[] }> = {
  'requests.queue': { roles: ['dpo', 'auditor'] },
  'requests.get': { roles: ['dpo', 'auditor'] },
  'requests.subjectData': { roles: ['dpo'] },
  'requests.consentHistory': { roles: ['dpo'] },
  'requests.create': { roles: ['dpo'] },
  'requests.verify': { roles: ['dpo'] },
  'requests.approve': { roles: ['dpo'] },
  'requests.deny': { roles: ['dpo'] },
  'requests.extend': { roles: ['dpo'] },
  'requests.execute': { roles: ['dpo'] },
  'requests.certificate': { roles: ['dpo', 'auditor'] },
  'requests.accessReport': { roles: ['dpo'] },
  dataMap: { roles: ['dpo', 'auditor'] },
  'stats.health': { roles: ['operator'] },
  'stats.traffic': { roles: ['operator'] },
  'training.rounds': { roles: ['operator', 'auditor'] },
  'training.models': { roles: ['operator', 'auditor'] },
  'training.budgets': { roles: ['operator', 'auditor'] },
  'ledger.checkpoints': { roles: ['auditor'] },
  'ledger.evidence': { roles: ['auditor'] },
};

/** Expected at the eu node: a grant of an allowed role for eu, and a state in which the rule allows it. */
const expectedAllowed = (user: ConsoleUser, path: string, v: Variant) =>
  v.allowedInState !== false && user.grants.some((g) => g.region === 'eu' && RULES[path]!.roles.includes(g.role));

describe.each(DIALECTS)('console authorization matrix on %s', (dialect) => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await consoleNode(dialect);
  });
  afterAll(async () => fx?.close());

  it('the matrix covers every console procedure, and every procedure of it exists', () => {
    const procedures = Object.keys(consoleRouter._def.procedures).sort();
    expect(procedures).toEqual(Object.keys(RULES).sort());
    expect(Object.keys(VARIANTS).sort()).toEqual(procedures);
  });

  it('an allowed caller’s malformed input is a typed BAD_REQUEST (400) from every procedure that takes input, and changes nothing', async () => {
    const procedures = consoleRouter._def.procedures as Record<string, { _def: { inputs: unknown[] } }>;
    const size = await fx.node.ledger.size();
    const outcomes: string[] = [];
    for (const [path, rule] of Object.entries(RULES)) {
      if (!procedures[path]!._def.inputs.length) continue;
      const user = { id: `${rule.roles[0]}-eu`, grants: [{ role: rule.roles[0]!, region: 'eu' as const }] };
      for (const bad of [{ requestId: 'not-a-uuid' }, { bogus: 1 }, 'a string', [1, 2]]) {
        const code = await callPath(fx.as(user), path, bad).then(() => 'ok', (e: { code?: string }) => e.code);
        if (code !== 'BAD_REQUEST') outcomes.push(`${path} ${JSON.stringify(bad)}: ${code}`);
      }
    }
    expect(outcomes).toEqual([]);
    expect(await fx.node.ledger.size()).toBe(size);
  });

  it('role × region × procedure (× request state): allowed cells succeed, every other cell is FORBIDDEN and changes nothing', async () => {
    const cells: string[] = [];
    let allowed = 0;
    let denied = 0;
    for (const user of USERS) {
      for (const path of Object.keys(RULES)) {
        for (const v of VARIANTS[path]!) {
          const input = await v.input(fx);
          const requestId = v.requestOf?.(input);
          const before = { size: await fx.node.ledger.size(), status: requestId ? (await rightsRequests.get(fx.node.db, requestId)).status : null };
          const outcome = await callPath(fx.as(user), path, input).then(
            () => 'ok',
            (e: { code?: string; cause?: { code?: string } }) => e.cause?.code ?? e.code ?? 'error',
          );
          const want = expectedAllowed(user, path, v) ? 'ok' : 'FORBIDDEN';
          let trace = '';
          if (want === 'FORBIDDEN') {
            denied++;
            // A refused call leaves no trace: no ledger entry, no change of state.
            const after = { size: await fx.node.ledger.size(), status: requestId ? (await rightsRequests.get(fx.node.db, requestId)).status : null };
            if (after.size !== before.size || after.status !== before.status) trace = ` and left a trace (${JSON.stringify(before)} -> ${JSON.stringify(after)})`;
          } else allowed++;
          cells.push(`${user.id} ${path} [${v.state}]: ${outcome}${outcome === want && !trace ? '' : `${trace}  <-- expected ${want}`}`);
        }
      }
    }
    const wrong = cells.filter((c) => c.includes('<-- expected'));
    expect(wrong, wrong.join('\n')).toEqual([]);
    // Every cell ran: 14 users × (all variants); the allowed ones are only eu grants.
    expect(allowed + denied).toBe(USERS.length * Object.values(VARIANTS).flat().length);
    expect(allowed).toBeGreaterThan(0);
    expect(denied).toBeGreaterThan(allowed);
  });
});
