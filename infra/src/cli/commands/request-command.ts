import { Command, Option } from 'commander';
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { OpenedRegionNode } from '@meridian/regions/node/open-region-node.ts';
import { RIGHTS_REQUEST_TYPES } from '@meridian/regions/rights/rights-request-type.ts';
import { submitRightsRequest } from '@meridian/regions/rights/submit-rights-request.ts';
import { verifyRightsRequest } from '@meridian/regions/rights/verify-rights-request.ts';
import { decideRightsRequest } from '@meridian/regions/rights/decide-rights-request.ts';
import { rightsRequests } from '@meridian/regions/rights/rights-request.repository.ts';
import { runRightsWorker } from '@meridian/regions/rights/run-rights-worker.ts';
import { checkRightsSla } from '@meridian/regions/rights/check-rights-sla.ts';
import { buildAccessReport } from '@meridian/regions/rights/access-report.ts';
import { renderAccessReport } from '@meridian/regions/rights/render-access-report.ts';
import { completionCertificate } from '@meridian/regions/rights/completion-certificate.ts';
import { outboxNotifier } from '@meridian/regions/rights/outbox-notifier.ts';
import { noTrainingLineage } from '@meridian/regions/rights/training-lineage.ts';
import { openNodeFromFlags, regionOption, storageOptions } from './node-flags.ts';
import { REGIONS } from '@meridian/core/policy/region-profile.ts';
import { submitAndForward } from '@meridian/regions/rights/cross-region/submit-and-forward.ts';
import { relayVerification } from '@meridian/regions/rights/cross-region/relay-verification.ts';
import { refreshForwardStatus } from '@meridian/regions/rights/cross-region/refresh-forward-status.ts';
import { deliverForward } from '@meridian/regions/rights/cross-region/deliver-forward.ts';
import { forwards } from '@meridian/regions/rights/cross-region/forwards.repository.ts';
import { syncLookupTags } from '@meridian/regions/rights/cross-region/sync-lookup-tags.ts';

const operator = () => `cli:${userInfo().username}`;

/** One line for the DPO: where a forwarded request went and how it stands there. */
function whereItWent(forwarding: 'local' | 'queued' | undefined, view: Awaited<ReturnType<typeof forwards.view>>): string {
  if (forwarding === 'local') return 'a customer of this region: handled here';
  if (!view) return forwarding === 'queued' ? 'queued for the other regions: the running node offers it to them (see `meridian request status`)' : 'not forwarded';
  const accepted = view.peers.filter((p) => p.answer === 'accepted').map((p) => `${p.region} (request ${p.peerRequestId}, ${p.peerStatus ?? 'received'}${p.peerDenyReason ? `: ${p.peerDenyReason}` : ''})`);
  const others = view.peers.filter((p) => p.answer !== 'accepted').map((p) => `${p.region}: ${p.answer}${p.refusal ? ` ${p.refusal}` : ''}`);
  const pending = view.state === 'pending' ? ` Still to answer: delivery ${view.attempts ? `retried (last error ${view.lastError})` : 'queued for the node'}.` : '';
  return `${accepted.length ? `forwarded to ${accepted.join(', ')}` : 'no region has accepted it'}${others.length ? `; ${others.join(', ')}` : ''}.${pending}`;
}

function withNode(cmd: Command, run: (node: OpenedRegionNode, opts: Record<string, any>, args: string[]) => Promise<unknown>): Command {
  return storageOptions(cmd.addOption(regionOption())).action(async (...all: unknown[]) => {
    const command = all[all.length - 1] as Command;
    const opts = command.opts();
    const node = await openNodeFromFlags(opts as never);
    try {
      const out = await run(node, opts, command.args);
      if (out !== undefined) console.log(typeof out === 'string' ? out : JSON.stringify(out, null, 2));
    } finally {
      await node.close();
    }
  });
}

/**
 * `meridian request ...`: intake and handling of data-subject rights requests
 * from the command line (the same functions as the `rights.*` API).
 */
export function requestCommand(): Command {
  const create = withNode(
    new Command('create')
      .description('File a request; a one-time code goes to the contact on file if --email/--phone matches it')
      .addOption(new Option('--type <type>', 'request type').choices(RIGHTS_REQUEST_TYPES).makeOptionMandatory())
      .requiredOption('--customer <id>', "the shop's customer id")
      .option('--email <address>', 'contact the requester gives (must match the one on file)')
      .option('--phone <number>', 'contact the requester gives (must match the one on file)')
      .option('--country <CC>', 'requester country, when no subject matches')
      .option('--rectify <field=value>', 'for rectification: name=..., email=... or phone=...')
      .option('--forward', 'if this region has no customer with that id, offer the request to the other regions (by a keyed hash of the contact, never the contact)'),
    async (node, o) => {
      const contact = o.email ? { channel: 'email' as const, value: o.email } : o.phone ? { channel: 'phone' as const, value: o.phone } : undefined;
      if (!contact) throw new Error('give --email or --phone');
      const [field, ...rest] = String(o.rectify ?? '').split('=');
      const rectification = o.rectify ? ({ field, value: rest.join('=') } as never) : undefined;
      const input = { type: o.type, externalId: o.customer, contact, country: o.country, rectification, ...(o.forward ? { forward: true } : {}) };
      if (!o.forward) return submitRightsRequest(node, input, { notifier: outboxNotifier(node), actor: operator() });
      const r = await submitAndForward(node, input, { notifier: outboxNotifier(node), actor: operator() });
      return { ...r, whereItWent: whereItWent(r.forwarding, r.forward) };
    },
  );
  const verify = withNode(
    new Command('verify')
      .description('Check the one-time code the subject received (for a forwarded request, relayed to the home region that sent it)')
      .argument('<requestId>')
      .argument('<code>')
      .addOption(new Option('--home <region>', 'for a request two regions accepted: the region whose code this is').choices(REGIONS)),
    async (node, o, [id, code]) => ((await rightsRequests.get(node.db, id!)).status === 'forwarded' ? relayVerification(node, id!, code!, o.home) : verifyRightsRequest(node, id!, code!)),
  );
  const approve = withNode(new Command('approve').description('Approve a verified request and queue it').argument('<requestId>'), (node, _o, [id]) => decideRightsRequest.approve(node, id!, operator()));
  const deny = withNode(new Command('deny').description('Deny a request with a note').argument('<requestId>').requiredOption('--note <text>', 'why (no personal data)'), (node, o, [id]) =>
    decideRightsRequest.deny(node, id!, operator(), o.note),
  );
  const extend = withNode(
    new Command('extend').description("Extend the statutory deadline once, within the law's extension").argument('<requestId>').requiredOption('--days <n>', 'days').requiredOption('--reason <text>', 'recorded reason'),
    (node, o, [id]) => decideRightsRequest.extend(node, id!, operator(), Number(o.days), o.reason),
  );
  const status = withNode(new Command('status').description('One request (for a forwarded one: where it went and its status there), or the open ones with their SLA').argument('[requestId]'), async (node, _o, [id]) => {
    if (!id) return { sla: await checkRightsSla(node), open: await rightsRequests.open(node.db) };
    if (!(await forwards.view(node.db, id))) return rightsRequests.get(node.db, id);
    // With peers configured, deliver a pending forward and poll the home region now.
    if (node.crossRegion?.peers) {
      await deliverForward(node, id);
      await refreshForwardStatus(node, id);
    }
    const view = await forwards.view(node.db, id);
    return { ...(await rightsRequests.get(node.db, id)), forward: view, whereItWent: whereItWent('queued', view) };
  });
  const syncTags = withNode(
    new Command('sync-tags').description("Write missing or stale lookup tags (subjects stored before this node had the federation lookup key, or after it was rotated); online, resumable"),
    (node) => syncLookupTags(node),
  );
  const work = withNode(new Command('work').description('Run the durable execution queue until no job is due (safe to run several at once, and to kill)').option('--batch <n>', 'jobs per transaction', '100'), (node, o) =>
    runRightsWorker(node, { batchSize: Number(o.batch) }),
  );
  const report = withNode(
    new Command('report').description('Access report of a completed access request').argument('<requestId>').requiredOption('--out <base>', 'writes BASE.json and BASE.md'),
    async (node, o, [id]) => {
      const r = await buildAccessReport(node, id!, { lineage: noTrainingLineage });
      writeFileSync(`${o.out}.json`, JSON.stringify(r, null, 2), { mode: 0o600 });
      writeFileSync(`${o.out}.md`, renderAccessReport(r), { mode: 0o600 });
      return `${o.out}.json and ${o.out}.md written (they hold personal data: hand them to the subject, then delete them)`;
    },
  );
  const certificate = withNode(
    new Command('certificate').description('Certificate of completion with ledger inclusion proofs').argument('<requestId>').requiredOption('--out <base>', 'writes BASE.json and BASE.evidence.json'),
    async (node, o, [id]) => {
      const cert = await completionCertificate(node, node.ledger, id!);
      writeFileSync(`${o.out}.json`, JSON.stringify(cert, null, 2));
      writeFileSync(`${o.out}.evidence.json`, JSON.stringify(cert.evidence, null, 2));
      return `${o.out}.json written; check its proofs with: meridian verify ${o.out}.evidence.json --trust TRUST_FILE`;
    },
  );
  return new Command('request')
    .description('Data-subject rights requests: create, verify, approve, deny, extend, status, work, report, certificate, sync-tags')
    .addCommand(create).addCommand(verify).addCommand(approve).addCommand(deny).addCommand(extend).addCommand(status).addCommand(work).addCommand(report).addCommand(certificate).addCommand(syncTags);
}
