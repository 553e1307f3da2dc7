import type { Notifier, SubjectNotice } from '../../src/rights/notifier.ts';
import { submitRightsRequest } from '../../src/rights/submit-rights-request.ts';
import { verifyRightsRequest } from '../../src/rights/verify-rights-request.ts';
import { decideRightsRequest } from '../../src/rights/decide-rights-request.ts';
import type { RightsRequestInput } from '../../src/rights/rights-request-input.ts';
import type { RegionNode } from '../../src/node/region-node.ts';

/** A notifier that keeps notices in memory, so a test can read the code as the subject would. */
export function memoryNotifier(): Notifier & { sent: SubjectNotice[]; codeFor(to: string): string } {
  const sent: SubjectNotice[] = [];
  return {
    sent,
    async send(_trx, n) {
      sent.push(n);
    },
    codeFor(to) {
      const n = [...sent].reverse().find((s) => s.to === to);
      const m = n?.body.match(/code is (\d{6})/);
      if (!m) throw new Error('no code was sent to that contact');
      return m[1]!;
    },
  };
}

/** Files, verifies (with the code the subject received) and approves a request. */
export async function approvedRequest(node: RegionNode, notifier: ReturnType<typeof memoryNotifier>, input: RightsRequestInput): Promise<string> {
  const r = await submitRightsRequest(node, input, { notifier, actor: 'test' });
  await verifyRightsRequest(node, r.requestId, notifier.codeFor(input.contact.value));
  await decideRightsRequest.approve(node, r.requestId, 'dpo:test');
  return r.requestId;
}
