import { error } from '@sveltejs/kit';

/** Why a call to a region node failed, in terms a page can show (no personal data: nodes never put any in errors). */
export interface RegionFailure {
  status: number;
  code: string;
  message: string;
}

/**
 * The typed failure of a region call: the node's Meridian code and HTTP status
 * when it answered, UNAVAILABLE (503) when it could not be reached.
 *
 * @example
 * const f = regionFailure(e); // { status: 409, code: 'CONFLICT', message: 'only a verified request can be approved …' }
 */
export function regionFailure(e: unknown): RegionFailure {
  const data = (e as { data?: { httpStatus?: number; meridianCode?: string } } | undefined)?.data;
  if (data?.httpStatus && data.meridianCode) {
    return { status: data.httpStatus, code: data.meridianCode, message: data.meridianCode === 'INTERNAL' ? 'the region node failed' : (e as Error).message };
  }
  return { status: 503, code: 'UNAVAILABLE', message: 'the region node could not be reached' };
}

/**
 * Runs one region call and returns its value or its failure, never throws:
 * pages show the regions that answered and say which did not.
 *
 * @example
 * const r = await settle(() => api.trpc.node.stats.query());
 * if (!r.ok) show(r.failure.message);
 */
export async function settle<T>(call: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; failure: RegionFailure }> {
  try {
    return { ok: true, value: await call() };
  } catch (e) {
    return { ok: false, failure: regionFailure(e) };
  }
}

/**
 * Runs a region call for a page that cannot go on without it: a failure
 * becomes the page's error with the node's status (404 stays 404, and so on).
 *
 * @example
 * const request = await must(() => api.trpc.rights.get.query({ requestId }));
 */
export async function must<T>(call: () => Promise<T>): Promise<T> {
  const r = await settle(call);
  if (!r.ok) error(r.failure.status, { message: r.failure.message, code: r.failure.code });
  return r.value;
}
