import { error, redirect } from '@sveltejs/kit';
import type { Region } from '@meridian/core/policy/region-profile.ts';

/**
 * The region node's API on behalf of the signed-in user (their identity
 * assertion goes with every call), or 503 when the region is not configured.
 *
 * @example
 * const page = await must(() => nodeAs(locals, 'eu').console.requests.queue.query({ limit: 50 }));
 */
export function nodeAs(locals: App.Locals, region: Region) {
  if (!locals.user || !locals.sessionId) redirect(303, '/sign-in');
  const api = locals.services.regions.get(region);
  if (!api) error(503, { message: `The ${region} region is not configured in this console.`, code: 'UNAVAILABLE' });
  return api.as({ userId: locals.user.id, sessionId: locals.sessionId, grants: locals.grants });
}
