import { generateKeyPairSync } from 'node:crypto';
import type { DialectName } from '@meridian/core/db/open-database.ts';
import type { ConsoleGrant } from '@meridian/core/access/console-grant.ts';
import { consoleTrust } from '@meridian/core/access/console-trust.ts';
import { signConsoleAssertion } from '@meridian/core/access/sign-console-assertion.ts';
import { ingestAtomically } from '../../src/ingest/ingest-batch.ts';
import { submitRightsRequest } from '../../src/rights/submit-rights-request.ts';
import { verifyRightsRequest } from '../../src/rights/verify-rights-request.ts';
import { decideRightsRequest } from '../../src/rights/decide-rights-request.ts';
import { runRightsWorker } from '../../src/rights/run-rights-worker.ts';
import { createRegionCaller } from '../../src/server/region-router.ts';
import { testNode, record } from '../node-fixture.ts';
import { memoryNotifier } from '../rights/rights-fixture.ts';

/** The console's signing key in these tests, and a node's trust in it. */
export const consoleKeys = generateKeyPairSync('ed25519');

export interface ConsoleUser {
  id: string;
  grants: ConsoleGrant[];
}

/** Customers whose every value is a canary: none may reach an operator or an auditor. */
export const CANARIES = {
  ana: { externalId: 'cust-zqxj-ana', name: 'Zqxjana Quillfeather', email: 'zqxjana.quill@example.org', phone: '+49 30 5550 4417', order: 'ORD-ZQXJ-ANA-71', text: 'Zqxjana canary: my parcel ORD-ZQXJ-ANA-71 never came to Zqxjweg 4' },
  bo: { externalId: 'cust-zqxj-bo', name: 'Zqxjbo Marchetti', email: 'zqxjbo.marchetti@example.org', phone: '+49 30 5550 9902', order: 'ORD-ZQXJ-BO-22', text: 'Zqxjbo canary: refund for ORD-ZQXJ-BO-22 please' },
  /** A rectification's new value: personal data held only in the request's sealed details. */
  newEmail: 'zqxjana.new-address@example.org',
};

/** Every canary string, for `findCanaries`. */
export const canaryValues = (): string[] => [...Object.values(CANARIES.ana), ...Object.values(CANARIES.bo), CANARIES.newEmail];

/**
 * An eu node seeded with canary customers and rights requests in every state
 * the console meets, plus factories for fresh requests (for calls that change
 * a request's state).
 */
export async function consoleNode(dialect: DialectName) {
  const node = await testNode('eu', dialect);
  const trust = consoleTrust([consoleKeys.publicKey]);
  const notifier = memoryNotifier();
  const subjectOf = (c: typeof CANARIES.ana) => ({ externalId: c.externalId, name: c.name, email: c.email, phone: c.phone });
  for (const c of [CANARIES.ana, CANARIES.bo]) {
    await ingestAtomically(node, [
      record('eu', { text: c.text, orderRef: c.order, subject: subjectOf(c), consents: [{ purpose: 'model_training', granted: true }] }),
      record('eu', { channel: 'email', text: `${c.text} (again)`, subject: subjectOf(c), consents: [{ purpose: 'analytics', granted: false }] }),
    ]);
  }
  const file = async (c: typeof CANARIES.ana, type: 'access' | 'erasure' | 'rectification' = 'access') =>
    (await submitRightsRequest(node, {
      type, externalId: c.externalId, contact: { channel: 'email', value: c.email },
      ...(type === 'rectification' ? { rectification: { field: 'email' as const, value: CANARIES.newEmail } } : {}),
    }, { notifier, actor: 'test' })).requestId;
  const verified = async (c = CANARIES.ana, type: 'access' | 'erasure' = 'access') => {
    const id = await file(c, type);
    await verifyRightsRequest(node, id, notifier.codeFor(c.email));
    return id;
  };
  const received = () => file(CANARIES.ana);
  const requests = {
    /** Open, with personal details sealed in the request. */
    received: await file(CANARIES.ana, 'rectification'),
    verified: await verified(),
    denied: await received().then(async (id) => (await decideRightsRequest.deny(node, id, 'dpo:test', 'duplicate of an earlier request'), id)),
    completedAccess: await verified(CANARIES.bo).then(async (id) => {
      await decideRightsRequest.approve(node, id, 'dpo:test');
      await runRightsWorker(node);
      return id;
    }),
    /** An open request no subject matched: nothing personal to show. */
    unmatched: (await submitRightsRequest(node, { type: 'erasure', externalId: 'cust-nobody', contact: { channel: 'email', value: 'nobody@example.org' }, country: 'DE' }, { notifier, actor: 'test' })).requestId,
  };
  await node.ledger.checkpoint();

  /** A caller for ONE call as `user` (each call needs a fresh assertion: nonces are single-use). */
  const as = (user: ConsoleUser, opts: { audience?: 'eu' | 'sea' | 'me'; assertion?: string } = {}) =>
    createRegionCaller({
      node,
      caller: null,
      consoleTrust: trust,
      consoleAssertion: opts.assertion ?? assertionFor(user, node.now().getTime(), opts.audience ?? 'eu'),
    }).console;

  return {
    node,
    trust,
    notifier,
    requests,
    as,
    fresh: {
      received,
      verified: () => verified(),
      code: () => notifier.codeFor(CANARIES.ana.email),
    },
    async close() {
      await node.close();
    },
  };
}

export function assertionFor(user: ConsoleUser, now: number, audience: 'eu' | 'sea' | 'me' = 'eu', key = consoleKeys.privateKey): string {
  return signConsoleAssertion(key, { userId: user.id, sessionId: `s-${user.id}`, grants: user.grants, audience }, { now });
}

/** Calls `console.<path>` on a caller by its dotted path. */
export function callPath(consoleCaller: unknown, path: string, input: unknown): Promise<unknown> {
  const fn = path.split('.').reduce<any>((o, k) => o[k], consoleCaller);
  return fn(input);
}
