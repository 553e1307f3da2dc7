import { error, redirect } from '@sveltejs/kit';
import { REGIONS, type Region } from '@meridian/core/policy/region-profile.ts';
import { abilityFor, regionsWhere, allowedIn, type ConsoleAbility, type ConsoleAction, type RegionScoped } from './permissions.ts';

/** The signed-in user's ability (a signed-out visitor goes to the sign-in page). */
export function abilityOf(locals: App.Locals): ConsoleAbility {
  if (!locals.user) redirect(303, '/sign-in');
  return abilityFor(locals.user.id, locals.grants);
}

/**
 * The regions where the signed-in user may do `action` on `subject`; sends a
 * signed-out visitor to the sign-in page and answers 403 when there are none.
 *
 * @example
 * const { regions } = requireRegions(locals, 'read', 'LedgerCheckpoint');
 */
export function requireRegions(locals: App.Locals, action: ConsoleAction, subject: RegionScoped): { regions: Region[]; ability: ConsoleAbility } {
  const ability = abilityOf(locals);
  const regions = regionsWhere(ability, action, subject);
  if (regions.length === 0) error(403, { message: 'Your roles do not include this page.', code: 'FORBIDDEN' });
  return { regions, ability };
}

/**
 * Refuses (403) unless the user may do `action` on `subject` in `region`; a
 * region that is not one of Meridian's is a 404.
 *
 * @example
 * const region = requireRegion(locals, 'approve', 'RightsRequest', params.region);
 */
export function requireRegion(locals: App.Locals, action: ConsoleAction, subject: RegionScoped, region: string): Region {
  const ability = abilityOf(locals);
  if (!(REGIONS as readonly string[]).includes(region)) error(404, { message: 'No such region.', code: 'NOT_FOUND' });
  if (!allowedIn(ability, action, subject, region as Region)) error(403, { message: `Your roles do not allow this in the ${region} region.`, code: 'FORBIDDEN' });
  return region as Region;
}
