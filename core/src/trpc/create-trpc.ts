import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { MeridianError, type ErrorCode, type Evidence } from '../errors/meridian-error.ts';
import { toTrpcError } from './to-trpc-error.ts';

/** What every Meridian API error carries for the caller, besides tRPC's code and HTTP status. */
export interface MeridianErrorData {
  meridianCode: ErrorCode;
  evidence: Evidence;
  /** Input fields that failed validation: paths and reasons, never the values. */
  issues?: { path: string; message: string }[];
}

function meridianDataOf(error: TRPCError): MeridianErrorData {
  const cause = error.cause;
  if (cause instanceof MeridianError) return { meridianCode: cause.code, evidence: cause.evidence };
  if (cause instanceof ZodError) {
    return {
      meridianCode: 'BAD_INPUT',
      evidence: {},
      issues: cause.issues.slice(0, 50).map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })),
    };
  }
  if (error.code === 'BAD_REQUEST' || error.code === 'PARSE_ERROR') return { meridianCode: 'BAD_INPUT', evidence: {} };
  if (error.code === 'NOT_FOUND') return { meridianCode: 'NOT_FOUND', evidence: {} };
  if (error.code === 'UNAUTHORIZED') return { meridianCode: 'UNAUTHENTICATED', evidence: {} };
  if (error.code === 'FORBIDDEN') return { meridianCode: 'FORBIDDEN', evidence: {} };
  if (error.code === 'METHOD_NOT_SUPPORTED') return { meridianCode: 'BAD_INPUT', evidence: {} };
  return { meridianCode: 'INTERNAL', evidence: {} };
}

/**
 * Builds a tRPC instance for a Meridian server with context `Ctx`. Errors are
 * formatted once here: zod failures list paths (never values), and internal
 * errors never leak their message or stack to the caller.
 *
 * @example
 * const t = createTrpc<{ region: string }>();
 * const appRouter = t.router({ ping: t.procedure.query(() => 'pong') });
 */
export function createTrpc<Ctx extends object>() {
  const t = initTRPC.context<Ctx>().create({
    errorFormatter({ shape, error }) {
      const data = meridianDataOf(error);
      const internal = data.meridianCode === 'INTERNAL';
      return {
        ...shape,
        message: internal ? 'internal error' : shape.message,
        data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, ...data },
      };
    },
  });
  // Every procedure turns a thrown MeridianError into its typed tRPC error.
  const procedure = t.procedure.use(async ({ next }) => {
    const result = await next();
    if (!result.ok && result.error.cause instanceof MeridianError) {
      throw toTrpcError(result.error.cause);
    }
    return result;
  });
  return { router: t.router, procedure, middleware: t.middleware, createCallerFactory: t.createCallerFactory };
}
