import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { MeridianError, httpStatusOf, type ErrorCode } from '../errors/meridian-error.ts';

const BY_STATUS: Record<number, TRPC_ERROR_CODE_KEY> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  422: 'UNPROCESSABLE_CONTENT',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_SERVER_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

export function trpcCodeOf(code: ErrorCode): TRPC_ERROR_CODE_KEY {
  return BY_STATUS[httpStatusOf(code)] ?? 'INTERNAL_SERVER_ERROR';
}

/** The one place a Meridian failure becomes a tRPC (and so HTTP) failure. */
export function toTrpcError(e: unknown): TRPCError {
  if (e instanceof TRPCError) return e;
  if (e instanceof MeridianError) return new TRPCError({ code: trpcCodeOf(e.code), message: e.message, cause: e });
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'internal error', cause: e instanceof Error ? e : undefined });
}
