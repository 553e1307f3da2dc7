import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import type { ErrorCode, MeridianError } from '@meridian/core/errors/meridian-error.ts';

/**
 * Meridian error codes as tRPC codes. A `Record` over `ErrorCode`, so a new
 * Meridian code fails the type check until it is mapped. (When core's tRPC
 * base lands, this map belongs there.)
 */
export const TRPC_CODE_OF: Readonly<Record<ErrorCode, TRPC_ERROR_CODE_KEY>> = {
  BAD_INPUT: 'BAD_REQUEST',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RESIDENCY_VIOLATION: 'UNPROCESSABLE_CONTENT',
  POLICY_REFUSED: 'UNPROCESSABLE_CONTENT',
  BUDGET_EXCEEDED: 'UNPROCESSABLE_CONTENT',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
};

/**
 * Wraps a `MeridianError` in the `TRPCError` with the matching code; the
 * original stays as `cause` so an error formatter can expose its evidence.
 *
 * @example
 * throw trpcErrorOf(new MeridianError('FORBIDDEN', 'wrong region', { reason: 'region_mismatch' }));
 */
export function trpcErrorOf(error: MeridianError): TRPCError {
  return new TRPCError({ code: TRPC_CODE_OF[error.code], message: error.message, cause: error });
}
