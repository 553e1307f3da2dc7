import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { openField } from '@meridian/core/crypto/field-cipher.ts';
import type { Region } from '@meridian/core/policy/region-profile.ts';
import { fieldAad } from '@meridian/regions/subjects/subject.repository.ts';
import { subjectDataKey } from '@meridian/regions/subjects/subject-data-keys.ts';
import type { RegionNode } from '@meridian/regions/node/region-node.ts';
import type { regionClient } from './launch-local.ts';

/** A demo customer as the launcher saw them go in: the requester knows their own id and e-mail. */
export interface DemoCustomer {
  externalId: string;
  email: string;
}

/** The demo stand-in for the customers' mailboxes: which code each demo request's customer received. */
export interface DemoInbox {
  note: string;
  codes: Record<string, { region: Region; type: string; code: string; filedAt: string }>;
}

const NOTE = 'Demo only: the one-time codes the demo customers received for their rights requests (a stand-in for their mailboxes). Codes expire 15 minutes after filing.';

/**
 * Files one erasure and one access request from demo customers of a region
 * (through the node's API, as a customer-facing form would) unless enough are
 * already waiting for verification, and writes the codes those customers
 * received to the demo inbox file, so a DPO can run a request end to end in
 * the console. Only request ids, types and codes go to the file: no contact,
 * no name.
 *
 * @example
 * await fileDemoRequests(node, client, customers, join(dataDir, 'demo-inbox.json'));
 */
export async function fileDemoRequests(node: RegionNode, client: ReturnType<typeof regionClient>, customers: readonly DemoCustomer[], inboxFile: string): Promise<string[]> {
  const waiting = await client.rights.list.query({ status: 'received', limit: 10 });
  const inbox: DemoInbox = existsSync(inboxFile) ? (JSON.parse(readFileSync(inboxFile, 'utf8')) as DemoInbox) : { note: NOTE, codes: {} };
  const fresh = waiting.filter((r) => inbox.codes[r.id] && Date.now() - Date.parse(inbox.codes[r.id]!.filedAt) < 14 * 60_000);
  const filed: string[] = [];
  const wanted = (['erasure', 'access'] as const).filter((type) => !fresh.some((r) => r.type === type));
  for (const [i, type] of wanted.entries()) {
    const customer = customers[i];
    if (!customer) break;
    const sub = await client.rights.submit.mutate({ type, externalId: customer.externalId, contact: { channel: 'email', value: customer.email } });
    const code = await receivedCode(node, sub.requestId);
    if (code) inbox.codes[sub.requestId] = { region: node.region, type, code, filedAt: new Date().toISOString() };
    filed.push(sub.requestId);
  }
  writeFileSync(inboxFile, JSON.stringify(inbox, null, 2), { mode: 0o600 });
  return filed;
}

/** Reads the code out of the request's outbox notice as the customer's mail client would (it is sealed under their data key). */
async function receivedCode(node: RegionNode, requestId: string): Promise<string | undefined> {
  const link = await node.db.selectFrom('rights_request_subjects').select('subject_id').where('request_id', '=', requestId).executeTakeFirst();
  if (!link) return undefined;
  const notice = await node.db.selectFrom('rights_outbox').select(['id', 'body_ct']).where('subject_id', '=', link.subject_id).orderBy('created_at', 'desc').executeTakeFirst();
  const dek = notice && (await subjectDataKey(node, node.db, link.subject_id));
  if (!notice || !dek) return undefined;
  return /code is (\d{6})/.exec(openField(dek, notice.body_ct, fieldAad('rights_outbox', 'body_ct', link.subject_id, notice.id)))?.[1];
}
