import { subject } from '@casl/ability';
import { defineConsoleAbility, type ConsoleAbility } from '@meridian/core/access/console-ability.ts';
import type { ConsoleAction } from '@meridian/core/access/console-action.ts';
import type { ConsoleGrant } from '@meridian/core/access/console-grant.ts';
import type { ConsoleSubjectType } from '@meridian/core/access/console-subject.ts';
import { REGIONS, type Region } from '@meridian/core/policy/region-profile.ts';

export type { ConsoleAbility, ConsoleAction, ConsoleSubjectType };

/** Subjects whose rules look only at the region: a page about them can be allowed or refused before anything is loaded. */
export type RegionScoped = 'RightsRequest' | 'DataMap' | 'NodeHealth' | 'RoutingStats' | 'TrainingRound' | 'ModelVersion' | 'PrivacyBudget' | 'LedgerCheckpoint' | 'EvidenceBundle' | 'ConsoleUser';

/**
 * The console user's CASL ability: exactly `core/src/access`'s rules (the
 * single source the region nodes enforce too), built from their grants.
 *
 * @example
 * abilityFor('u-1', [{ role: 'dpo', region: 'eu' }]).can('read', 'RightsRequest'); // true
 */
export function abilityFor(userId: string, grants: readonly ConsoleGrant[]): ConsoleAbility {
  return defineConsoleAbility({ userId, grants });
}

/** The fields a region-scoped check needs; request-level conditions get values no rule matches beyond the region. */
function fieldsIn(type: RegionScoped, region: Region): Record<string, string> {
  if (type === 'RightsRequest') return { region, status: 'any', type: 'any' };
  if (type === 'ConsoleUser') return { region, id: 'any-other-user' };
  return { region };
}

/**
 * Whether the ability allows `action` on `type` in `region`.
 *
 * @example
 * allowedIn(ability, 'read', 'LedgerCheckpoint', 'me');
 */
export function allowedIn(ability: ConsoleAbility, action: ConsoleAction, type: RegionScoped, region: Region): boolean {
  return ability.can(action, subject(type, fieldsIn(type, region)) as never);
}

/**
 * The regions in which the ability allows `action` on `type`.
 *
 * @example
 * regionsWhere(ability, 'read', 'RightsRequest'); // ['eu']
 */
export function regionsWhere(ability: ConsoleAbility, action: ConsoleAction, type: RegionScoped): Region[] {
  return REGIONS.filter((r) => allowedIn(ability, action, type, r));
}
