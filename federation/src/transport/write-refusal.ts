import type { ServerResponse } from 'node:http';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { isMeridianError } from '@meridian/core/errors/meridian-error.ts';
import { TRPC_CODE_OF } from './trpc-error-of.ts';

/**
 * Answers a refused request with its typed status and a JSON body shaped like
 * a tRPC error response, so tRPC clients surface it as a `TRPCClientError`
 * with `data.code` / `data.httpStatus` and plain HTTP clients can read
 * `error.data.meridian.{code,evidence}`. tRPC's batch link fans a single
 * error object out to every call of the batch. Evidence holds no personal
 * data (serials, regions, reasons). Anything that is not a `MeridianError`
 * becomes a bare 500 so internals never leak.
 *
 * @example
 * writeRefusal(res, new MeridianError('UNAUTHENTICATED', 'no client certificate', { reason: 'no_client_certificate' }));
 */
export function writeRefusal(res: ServerResponse, error: unknown): void {
  const meridian = isMeridianError(error) ? error : undefined;
  const status = meridian?.status ?? 500;
  const key = meridian === undefined ? 'INTERNAL_SERVER_ERROR' : TRPC_CODE_OF[meridian.code];
  const body = {
    error: {
      message: meridian?.message ?? 'internal error',
      code: TRPC_ERROR_CODES_BY_KEY[key],
      data: {
        code: key,
        httpStatus: status,
        ...(meridian === undefined ? {} : { meridian: { code: meridian.code, evidence: meridian.evidence } }),
      },
    },
  };
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
