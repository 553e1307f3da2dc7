import { z } from 'zod';
import { createTrpc } from '@meridian/core/trpc/create-trpc.ts';
import { verifyConsoleAssertion } from '@meridian/core/access/verify-console-assertion.ts';
import type { ConsoleIdentity } from '@meridian/core/access/console-assertion.ts';
import { defineConsoleAbility, type ConsoleAbility } from '@meridian/core/access/console-ability.ts';
import { authorize, authorizeType } from '@meridian/core/access/authorize.ts';
import type { ConsoleAction } from '@meridian/core/access/console-action.ts';
import type { ConsoleSubjectType } from '@meridian/core/access/console-subject.ts';
import type { RightsRequestRow } from '@meridian/core/db/schema/rights.table.ts';
import type { RegionContext } from '../server/region-router.ts';
import { rightsRequests } from '../rights/rights-request.repository.ts';
import { requestAccessFields, type RequestScopedSubject } from './request-access-fields.ts';

/** A verified console user at this node: who, with what ability, and how they appear as an actor (ledger, decisions). */
export interface ConsoleAccess {
  identity: ConsoleIdentity;
  /** Built from the grants of this node's region only. */
  ability: ConsoleAbility;
  /** `console:<user id>`: the actor recorded for decisions and personal-data views. */
  actor: string;
}

const t = createTrpc<RegionContext>();

/** Subjects whose rules look at the region only: the middleware checks them completely. */
type RegionScopedSubject = Exclude<ConsoleSubjectType, RequestScopedSubject | 'ConsoleUser'>;

// One verification per transport request: a batch of calls shares its assertion, a second request cannot reuse it.
const verifiedContexts = new WeakMap<object, ConsoleAccess>();

function accessOf(ctx: RegionContext): ConsoleAccess {
  const known = verifiedContexts.get(ctx);
  if (known) return known;
  const identity = verifyConsoleAssertion(ctx.consoleAssertion, ctx.consoleTrust, { audience: ctx.node.region, now: ctx.node.now().getTime() });
  const access: ConsoleAccess = {
    identity,
    ability: defineConsoleAbility({ userId: identity.userId, grants: identity.grants }, { onlyRegion: ctx.node.region }),
    actor: `console:${identity.userId}`,
  };
  verifiedContexts.set(ctx, access);
  return access;
}

/** Any console procedure: the caller's console assertion is verified (401 otherwise) before anything else runs. */
const consoleProcedure = t.procedure.use(({ ctx, next }) => next({ ctx: { access: accessOf(ctx) } }));

/**
 * A console procedure on a region-scoped subject: `action` on `type` of this
 * node's region, checked in full before the input is even parsed. Throws
 * FORBIDDEN (403) otherwise.
 *
 * @example
 * const health = allowed('read', 'NodeHealth').query(({ ctx }) => nodeHealth(ctx.node));
 */
export function allowed(action: ConsoleAction, type: RegionScopedSubject) {
  return consoleProcedure.use(({ ctx, next }) => {
    authorize(ctx.access.ability, action, type, { region: ctx.node.region });
    return next();
  });
}

/**
 * A console procedure on one rights request (`input.requestId`): first
 * whether the caller may `action` any `type` here at all (so others learn
 * nothing, not even whether the request exists), then the request is loaded
 * and the rule is checked on it (its state, its type). The handler gets the
 * request as `ctx.request`. Throws FORBIDDEN (403) or NOT_FOUND (404).
 *
 * @example
 * const approve = onRequest('approve', 'RightsRequest').mutation(({ ctx }) => decideRightsRequest.approve(ctx.node, ctx.request.id, ctx.access.actor));
 */
export function onRequest(action: ConsoleAction, type: RequestScopedSubject) {
  return consoleProcedure
    .use(({ ctx, next }) => {
      authorizeType(ctx.access.ability, action, type);
      return next();
    })
    .input(z.object({ requestId: z.uuid() }))
    .use(async ({ ctx, input, next }) => {
      const request: RightsRequestRow = await rightsRequests.get(ctx.node.db, input.requestId);
      const fields = requestAccessFields(ctx.node.region, request);
      authorize(ctx.access.ability, action, type, fields[type]);
      return next({ ctx: { request } });
    });
}

/**
 * A console procedure on rights requests as a whole (filing one, running the
 * queue): the caller needs a rule for `action` on any request of this region.
 * A rule conditioned on a request's state or type never matches here (fails
 * closed), since no single request is involved.
 *
 * @example
 * const create = onRequests('create').input(rightsRequestInputSchema).mutation(...);
 */
export function onRequests(action: ConsoleAction) {
  return consoleProcedure.use(({ ctx, next }) => {
    authorize(ctx.access.ability, action, 'RightsRequest', { region: ctx.node.region, status: 'any', type: 'any' });
    return next();
  });
}

export const consoleRouterBuilder = t.router;
