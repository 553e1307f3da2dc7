import { z } from 'zod';
import { sql } from 'kysely';
import { createTrpc } from '@meridian/core/trpc/create-trpc.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { PURPOSES } from '@meridian/core/catalog/data-class.ts';
import { ingestRecordSchema } from '../ingest/ingest-record.ts';
import { ingestAtomically } from '../ingest/ingest-batch.ts';
import { changeConsent, consentHistory } from '../consent/change-consent.ts';
import type { RegionNode } from '../node/region-node.ts';
import type { ConsoleTrust } from '@meridian/core/access/console-trust.ts';

/** Who is calling, established by the transport before any procedure runs. */
export interface RegionContext {
  node: RegionNode;
  /** The authenticated channel or service, or null for an anonymous caller. */
  caller: { kind: 'ingest' | 'service'; name: string } | null;
  /** The console's identity assertion as sent (header `x-meridian-console-assertion`); `console.*` verifies it. */
  consoleAssertion?: string;
  /** The console keys this node trusts (`MERIDIAN_CONSOLE_PUBLIC_KEYS`); without them every `console.*` call is refused. */
  consoleTrust?: ConsoleTrust;
}

const t = createTrpc<RegionContext>();

const authenticated = t.procedure.use(({ ctx, next }) => {
  if (!ctx.caller) throw new MeridianError('UNAUTHENTICATED', 'a bearer token for this node is required');
  return next({ ctx: { ...ctx, caller: ctx.caller } });
});

export const MAX_BATCH = 1_000;

/**
 * The region node's API. Inputs are validated by zod before any handler runs;
 * every failure reaches the caller as a typed error with a 4xx status.
 */
export const regionRouter = t.router({
  ingest: t.router({
    /** Stores one message. Residency and validation failures are 4xx and store nothing. */
    message: authenticated.input(ingestRecordSchema).mutation(async ({ ctx, input }) => {
      const [result] = await ingestAtomically(ctx.node, [input]);
      return result!;
    }),
    /** Stores up to 1,000 messages atomically: one bad record refuses the batch and nothing is written. */
    batch: authenticated
      .input(z.strictObject({ records: z.array(z.unknown()).min(1).max(MAX_BATCH) }))
      .mutation(({ ctx, input }) => ingestAtomically(ctx.node, input.records)),
  }),
  consent: t.router({
    /** Records a grant or withdrawal for a subject, by the shop's customer id (found through the blind index). */
    change: authenticated
      .input(z.strictObject({ externalId: z.string().min(1).max(200), purpose: z.enum(PURPOSES), granted: z.boolean(), source: z.string().min(1).max(100) }))
      .mutation(({ ctx, input }) => changeConsent(ctx.node, input)),
    /** The consent history of a subject, oldest first. */
    history: authenticated
      .input(z.strictObject({ externalId: z.string().min(1).max(200) }))
      .query(({ ctx, input }) => consentHistory(ctx.node, input.externalId)),
  }),
  rights: (await import('../rights/rights-router.ts')).rightsRouter,
  console: (await import('../console/console-router.ts')).consoleRouter,
  node: t.router({
    info: t.procedure.query(({ ctx }) => ({
      region: ctx.node.region,
      name: ctx.node.policy.profile.name,
      location: ctx.node.policy.profile.location,
      dialect: ctx.node.dialect,
      jurisdictions: ctx.node.policy.profile.jurisdictions.map((j) => j.code),
    })),
    stats: t.procedure.query(async ({ ctx }) => {
      const r = await sql<{ subjects: number; messages: number }>`
        select (select count(*) from subjects)::int8 as subjects, (select count(*) from messages)::int8 as messages`.execute(ctx.node.db);
      return r.rows[0]!;
    }),
  }),
});

export type RegionRouter = typeof regionRouter;
export const createRegionCaller = t.createCallerFactory(regionRouter);
