import { z } from 'zod';
import { sql } from 'kysely';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { OPEN_REQUEST_STATES } from '@meridian/core/access/open-request-states.ts';
import type { RegionNode } from '../node/region-node.ts';
import { RIGHTS_REQUEST_TYPES, type RightsRequestState } from '../rights/rights-request-type.ts';
import { slaStatus } from '../rights/sla-status.ts';

export const requestQueueInputSchema = z.strictObject({
  limit: z.number().int().min(1).max(200).default(50),
  /** `nextCursor` of the previous page. */
  cursor: z.string().max(300).optional(),
  status: z.enum(OPEN_REQUEST_STATES).optional(),
  type: z.enum(RIGHTS_REQUEST_TYPES).optional(),
});

export interface QueueItem {
  id: string;
  type: string;
  status: string;
  jurisdiction: string;
  receivedAt: string;
  /** The deadline in force: the extended one if the request was extended, else the statutory one. */
  deadline: string;
  statutoryDeadline: string;
  extendedDeadline: string | null;
  /** The internal 24-hour target. */
  target: string;
  sla: { pastTarget: boolean; nearStatutory: boolean; pastStatutory: boolean; msToDeadline: number; msToTarget: number };
}

const cursorSchema = z.tuple([z.iso.datetime(), z.iso.datetime(), z.uuid()]);

function encodeCursor(due: Date, target: Date, id: string): string {
  return Buffer.from(JSON.stringify([due.toISOString(), target.toISOString(), id])).toString('base64url');
}

function decodeCursor(cursor: string): [Date, Date, string] {
  try {
    const [due, target, id] = cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return [new Date(due), new Date(target), id];
  } catch {
    throw new MeridianError('BAD_INPUT', 'the cursor is not one this queue returned', { field: 'cursor' });
  }
}

/**
 * The open rights requests of the node, most urgent first: by the deadline in
 * force (statutory, or extended), then the internal 24-hour target, then id.
 * Keyset-paginated (no OFFSET), so every page costs the same at 10,000 open
 * requests. Rows are non-personal (no subject is named).
 *
 * @example
 * const page = await requestQueue(node, { limit: 50 });
 * const next = page.nextCursor && (await requestQueue(node, { limit: 50, cursor: page.nextCursor }));
 */
export async function requestQueue(node: RegionNode, input: z.input<typeof requestQueueInputSchema>): Promise<{ items: QueueItem[]; nextCursor: string | null; open: number }> {
  const { limit, cursor, status, type } = requestQueueInputSchema.parse(input);
  const due = sql<Date>`coalesce(extended_deadline_at, statutory_deadline_at)`;
  let q = node.db
    .selectFrom('rights_requests')
    .select(['id', 'type', 'status', 'jurisdiction', 'received_at', 'statutory_deadline_at', 'extended_deadline_at', 'target_at', due.as('due_at')])
    .where('status', 'in', status ? [status] : [...OPEN_REQUEST_STATES]);
  if (type) q = q.where('type', '=', type);
  let counted = node.db.selectFrom('rights_requests').select((eb) => eb.fn.countAll<string>().as('n')).where('status', 'in', status ? [status] : [...OPEN_REQUEST_STATES]);
  if (type) counted = counted.where('type', '=', type);
  if (cursor) {
    const [d, tg, id] = decodeCursor(cursor);
    q = q.where(sql<boolean>`(coalesce(extended_deadline_at, statutory_deadline_at), target_at, id) > (${d}::timestamptz, ${tg}::timestamptz, ${id}::uuid)`);
  }
  const [rows, total] = await Promise.all([
    q.orderBy(due).orderBy('target_at').orderBy('id').limit(limit + 1).execute(),
    counted.executeTakeFirstOrThrow(),
  ]);
  const now = node.now();
  const page = rows.slice(0, limit);
  const items = page.map((r): QueueItem => {
    const s = slaStatus({ ...r, status: r.status as RightsRequestState }, now);
    return {
      id: r.id,
      type: r.type,
      status: r.status,
      jurisdiction: r.jurisdiction,
      receivedAt: r.received_at.toISOString(),
      deadline: s.deadline.toISOString(),
      statutoryDeadline: r.statutory_deadline_at.toISOString(),
      extendedDeadline: r.extended_deadline_at?.toISOString() ?? null,
      target: r.target_at.toISOString(),
      sla: {
        pastTarget: s.pastTarget,
        nearStatutory: s.nearStatutory,
        pastStatutory: s.pastStatutory,
        msToDeadline: s.deadline.getTime() - now.getTime(),
        msToTarget: r.target_at.getTime() - now.getTime(),
      },
    };
  });
  const last = page.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor(new Date(last.due_at), last.target_at, last.id) : null,
    open: Number(total.n),
  };
}
