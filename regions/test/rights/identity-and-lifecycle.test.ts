import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../../test/databases.ts';
import { ingestAtomically } from '../../src/ingest/ingest-batch.ts';
import { submitRightsRequest } from '../../src/rights/submit-rights-request.ts';
import { verifyRightsRequest } from '../../src/rights/verify-rights-request.ts';
import { decideRightsRequest } from '../../src/rights/decide-rights-request.ts';
import { runRightsWorker } from '../../src/rights/run-rights-worker.ts';
import { rightsRequests } from '../../src/rights/rights-request.repository.ts';
import { checkRightsSla } from '../../src/rights/check-rights-sla.ts';
import { CODE_SPACE, MAX_ATTEMPTS } from '../../src/rights/verification-code.ts';
import { createRegionCaller } from '../../src/server/region-router.ts';
import { openField } from '@meridian/core/crypto/field-cipher.ts';
import { fieldAad } from '../../src/subjects/subject.repository.ts';
import { testNode, record } from '../node-fixture.ts';
import { approvedRequest, memoryNotifier } from './rights-fixture.ts';

describe.each(DIALECTS)('rights requests: identity and lifecycle on %s', (dialect) => {
  let node: Awaited<ReturnType<typeof testNode>>;
  let clock = new Date('2026-11-20T10:00:00Z');
  const notifier = memoryNotifier();
  const ana = { externalId: 'cust-ana-id', email: 'ana.idtest@example.org', phone: '+49 30 5550 1234', name: 'Ana Idtest' };
  const subjectCount = async () => (await node.db.selectFrom('subjects').select('id').execute()).length;
  beforeAll(async () => {
    node = await testNode('eu', dialect, { now: () => clock });
    await ingestAtomically(node, [record('eu', { subject: ana })]);
  });
  afterAll(async () => node?.close());

  it('a wrong code is refused and counted; the request stays unverified and cannot be approved', async () => {
    const r = await submitRightsRequest(node, { type: 'erasure', externalId: ana.externalId, contact: { channel: 'email', value: ana.email } }, { notifier, actor: 'test' });
    const right = notifier.codeFor(ana.email);
    const wrong = right === '000000' ? '000001' : '000000';
    await expect(verifyRightsRequest(node, r.requestId, wrong)).rejects.toMatchObject({ code: 'FORBIDDEN', evidence: { reason: 'wrong_code', attemptsLeft: MAX_ATTEMPTS - 1 } });
    await expect(decideRightsRequest.approve(node, r.requestId, 'dpo')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await runRightsWorker(node)).toMatchObject({ completed: 0 });
    expect(await subjectCount()).toBe(1);
    // The stored code is an HMAC, never the code itself.
    const v = await node.db.selectFrom('rights_verifications').select('code_hmac').where('request_id', '=', r.requestId).executeTakeFirstOrThrow();
    expect(Buffer.from(v.code_hmac).includes(Buffer.from(right))).toBe(false);
  });

  it('brute force: the attempt limit holds, then even the right code is refused; 10^6 codes cannot be tried', async () => {
    const r = await submitRightsRequest(node, { type: 'erasure', externalId: ana.externalId, contact: { channel: 'email', value: ana.email } }, { notifier, actor: 'test' });
    const right = notifier.codeFor(ana.email);
    let tried = 0;
    let refusedAsLocked = false;
    for (let guess = 0; guess < CODE_SPACE; guess++) {
      const code = String(guess).padStart(6, '0');
      if (code === right) continue;
      const e = await verifyRightsRequest(node, r.requestId, code).catch((x) => x);
      tried++;
      if (e.evidence?.reason === 'locked' || e.evidence?.reason === 'not_pending') {
        refusedAsLocked = true;
        break;
      }
    }
    expect(refusedAsLocked).toBe(true);
    expect(tried).toBeLessThanOrEqual(MAX_ATTEMPTS + 1);
    await expect(verifyRightsRequest(node, r.requestId, right)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const req = await rightsRequests.get(node.db, r.requestId);
    expect(req).toMatchObject({ status: 'denied', deny_reason: 'identity_not_verified' });
    // A guesser's chance before lockout: MAX_ATTEMPTS / 10^6.
    expect(MAX_ATTEMPTS / CODE_SPACE).toBeLessThanOrEqual(5e-6);
  });

  it('an expired code denies the request', async () => {
    const r = await submitRightsRequest(node, { type: 'erasure', externalId: ana.externalId, contact: { channel: 'email', value: ana.email } }, { notifier, actor: 'test' });
    const code = notifier.codeFor(ana.email);
    clock = new Date(clock.getTime() + 16 * 60_000);
    await expect(verifyRightsRequest(node, r.requestId, code)).rejects.toMatchObject({ evidence: { reason: 'expired' } });
    expect(await rightsRequests.get(node.db, r.requestId)).toMatchObject({ status: 'denied', deny_reason: 'verification_expired' });
  });

  it('a contact that does not match the one on file gets no code and can never verify; the answer looks the same', async () => {
    const before = notifier.sent.length;
    const wrong = await submitRightsRequest(node, { type: 'erasure', externalId: ana.externalId, contact: { channel: 'email', value: 'attacker@example.org' } }, { notifier, actor: 'test' });
    const nobody = await submitRightsRequest(node, { type: 'erasure', externalId: 'cust-nobody', contact: { channel: 'email', value: 'x@example.org' }, country: 'FR' }, { notifier, actor: 'test' });
    expect(notifier.sent.length).toBe(before);
    expect(Object.keys(wrong).sort()).toEqual(Object.keys(nobody).sort());
    for (const code of ['000000', '123456', '999999']) await expect(verifyRightsRequest(node, wrong.requestId, code)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(decideRightsRequest.approve(node, wrong.requestId, 'dpo')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await subjectCount()).toBe(1);
  });

  it('deadlines come from the profile; one extension with a reason, within the law; SLA alarm after 24 h', async () => {
    const r = await submitRightsRequest(node, { type: 'access', externalId: ana.externalId, contact: { channel: 'phone', value: ana.phone } }, { notifier, actor: 'test' });
    expect(r.statutoryDeadline.getTime() - clock.getTime()).toBe(30 * 86_400_000);
    expect(r.target.getTime() - clock.getTime()).toBe(24 * 3_600_000);
    await expect(decideRightsRequest.extend(node, r.requestId, 'dpo', 61, 'needs searching four systems')).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(decideRightsRequest.extend(node, r.requestId, 'dpo', 30, 'short')).rejects.toMatchObject({ code: 'BAD_INPUT' });
    const ext = await decideRightsRequest.extend(node, r.requestId, 'dpo', 60, 'needs searching four systems');
    expect(ext.deadline.getTime() - clock.getTime()).toBe(90 * 86_400_000);
    await expect(decideRightsRequest.extend(node, r.requestId, 'dpo', 10, 'needs searching four systems')).rejects.toMatchObject({ code: 'CONFLICT' });
    clock = new Date(clock.getTime() + 25 * 3_600_000);
    const sla = await checkRightsSla(node);
    expect(sla.pastTarget).toContain(r.requestId);
    expect(await node.metrics.registry.getSingleMetricAsString('meridian_rights_sla_alarm')).toMatch(/kind="target_24h"[^\n]* [1-9]/);
    await decideRightsRequest.deny(node, r.requestId, 'dpo', 'test cleanup');
  });

  it('over the API: zod refuses bad input with a 4xx; access, restriction and rectification complete; codes never appear in a response', async () => {
    const caller = createRegionCaller({ node, caller: { kind: 'service', name: 'console' } });
    await expect(caller.rights.submit({ type: 'erasure', externalId: 'x', contact: { channel: 'email', value: 'not-an-email' } } as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.rights.submit({ type: 'rectification', externalId: 'x', contact: { channel: 'email', value: 'a@example.org' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(createRegionCaller({ node, caller: null }).rights.list({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const sub = await caller.rights.submit({ type: 'access', externalId: ana.externalId, contact: { channel: 'email', value: ana.email } });
    expect(JSON.stringify(sub)).not.toMatch(/\b\d{6}\b/);
    // The outbox holds the code sealed under the subject's key: read it as the mailer would.
    const out = await node.db.selectFrom('rights_outbox').select(['id', 'subject_id', 'body_ct']).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    const dek = node.keys.get(out.subject_id)!;
    const code = openField(dek, out.body_ct, fieldAad('rights_outbox', 'body_ct', out.subject_id, out.id)).match(/code is (\d{6})/)![1]!;
    await caller.rights.verify({ requestId: sub.requestId, code });
    await caller.rights.approve({ requestId: sub.requestId });
    await caller.rights.work({});
    const { json, markdown } = await caller.rights.accessReport({ requestId: sub.requestId });
    expect(json.subject).toMatchObject({ name: ana.name, email: ana.email });
    expect(json.messages[0]!.text).toContain('card');
    expect(json.recipients.crossBorderTransfers).toBe('none');
    expect(json.trainingRounds.available).toBe(true);
    expect(json.trainingRounds.rounds).toEqual([]);
    expect(markdown).toContain('## Recipients');

    const restrict = await approvedRequest(node, notifier, { type: 'restriction', externalId: ana.externalId, contact: { channel: 'email', value: ana.email } });
    const rectify = await approvedRequest(node, notifier, { type: 'rectification', externalId: ana.externalId, contact: { channel: 'email', value: ana.email }, rectification: { field: 'name', value: 'Ana Corrected' } });
    const optOut = await approvedRequest(node, notifier, { type: 'opt_out_sale', externalId: ana.externalId, contact: { channel: 'email', value: ana.email } });
    await runRightsWorker(node);
    for (const id of [restrict, rectify, optOut]) expect((await rightsRequests.get(node.db, id)).status).toBe('completed');
    const s = await node.db.selectFrom('subjects').select(['id', 'status', 'name_ct']).executeTakeFirstOrThrow();
    expect(s.status).toBe('restricted');
    expect(openField(node.keys.get(s.id)!, s.name_ct!, fieldAad('subjects', 'name_ct', s.id))).toBe('Ana Corrected');
    const cert = await caller.rights.certificate({ requestId: restrict });
    expect(cert.evidence.entries.length).toBeGreaterThanOrEqual(4);
    expect(cert.done.join(' ')).toContain('restricted');
  });
});
