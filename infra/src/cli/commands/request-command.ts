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

const operator = () => `cli:${userInfo().username}`;

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
      .option('--rectify <field=value>', 'for rectification: name=..., email=... or phone=...'),
    async (node, o) => {
      const contact = o.email ? { channel: 'email' as const, value: o.email } : o.phone ? { channel: 'phone' as const, value: o.phone } : undefined;
      if (!contact) throw new Error('give --email or --phone');
      const [field, ...rest] = String(o.rectify ?? '').split('=');
      const rectification = o.rectify ? ({ field, value: rest.join('=') } as never) : undefined;
      return submitRightsRequest(node, { type: o.type, externalId: o.customer, contact, country: o.country, rectification }, { notifier: outboxNotifier(node), actor: operator() });
    },
  );
  const verify = withNode(new Command('verify').description('Check the one-time code the subject received').argument('<requestId>').argument('<code>'), (node, _o, [id, code]) =>
    verifyRightsRequest(node, id!, code!),
  );
  const approve = withNode(new Command('approve').description('Approve a verified request and queue it').argument('<requestId>'), (node, _o, [id]) => decideRightsRequest.approve(node, id!, operator()));
  const deny = withNode(new Command('deny').description('Deny a request with a note').argument('<requestId>').requiredOption('--note <text>', 'why (no personal data)'), (node, o, [id]) =>
    decideRightsRequest.deny(node, id!, operator(), o.note),
  );
  const extend = withNode(
    new Command('extend').description("Extend the statutory deadline once, within the law's extension").argument('<requestId>').requiredOption('--days <n>', 'days').requiredOption('--reason <text>', 'recorded reason'),
    (node, o, [id]) => decideRightsRequest.extend(node, id!, operator(), Number(o.days), o.reason),
  );
  const status = withNode(new Command('status').description('One request, or the open ones with their SLA').argument('[requestId]'), async (node, _o, [id]) =>
    id ? rightsRequests.get(node.db, id) : { sla: await checkRightsSla(node), open: await rightsRequests.open(node.db) },
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
    .description('Data-subject rights requests: create, verify, approve, deny, extend, status, work, report, certificate')
    .addCommand(create).addCommand(verify).addCommand(approve).addCommand(deny).addCommand(extend).addCommand(status).addCommand(work).addCommand(report).addCommand(certificate);
}
