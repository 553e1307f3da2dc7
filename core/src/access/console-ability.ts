import { AbilityBuilder, createMongoAbility, type MongoAbility } from '@casl/ability';
import type { Region } from '../policy/region-profile.ts';
import type { ConsoleAction } from './console-action.ts';
import type { ConsoleGrant } from './console-grant.ts';
import type { ConsoleSubjectInstance, ConsoleSubjectType } from './console-subject.ts';
import { OPEN_REQUEST_STATES } from './open-request-states.ts';

/** What one console user may do, as a CASL ability (the same object in the API and the UI). */
export type ConsoleAbility = MongoAbility<[ConsoleAction, ConsoleSubjectType | ConsoleSubjectInstance]>;

/** Whose ability to build: the user's id (admins never manage themselves) and their grants. */
export interface ConsoleAbilityInput {
  userId: string;
  grants: readonly ConsoleGrant[];
}

/**
 * The single source of the console's access rules (DESIGN.md §7). Each grant
 * adds its role's rules, conditioned on the grant's region:
 * - operator: read NodeHealth, RoutingStats, TrainingRound, ModelVersion,
 *   PrivacyBudget; start TrainingRound. Never any personal data.
 * - dpo: read / create / verify / approve / deny / extend / execute / download
 *   RightsRequest; read SubjectPersonalData and ConsentHistory only while the
 *   request is open; download the AccessReport of a completed access request
 *   (the one deliverable that exists only once a request is closed); read DataMap.
 * - auditor: read and download (certificate) RightsRequest, read
 *   LedgerCheckpoint, TrainingRound, ModelVersion, PrivacyBudget, DataMap;
 *   download EvidenceBundle. Nothing personal.
 * - admin: manage ConsoleUser grants of the region, except their own account
 *   (no self-promotion). Deliberately NOT personal data or any node data:
 *   whoever administers accounts must not also read what those accounts guard,
 *   and an admin who needs data holds a second, audited grant.
 * Nothing is inherited between roles or regions. `onlyRegion` keeps only the
 * grants of one region: a region node builds the ability of the caller at
 * that node, so a grant for another region can never satisfy a check there.
 *
 * @example
 * const ability = defineConsoleAbility({ userId: 'u-17', grants: [{ role: 'dpo', region: 'eu' }] });
 * ability.can('read', subject('SubjectPersonalData', { region: 'eu', requestStatus: 'verified' })); // true
 * ability.can('read', subject('SubjectPersonalData', { region: 'eu', requestStatus: 'completed' })); // false
 */
export function defineConsoleAbility(input: ConsoleAbilityInput, opts: { onlyRegion?: Region } = {}): ConsoleAbility {
  const { can, build } = new AbilityBuilder<ConsoleAbility>(createMongoAbility);
  for (const grant of input.grants) {
    if (opts.onlyRegion && grant.region !== opts.onlyRegion) continue;
    const region = grant.region;
    switch (grant.role) {
      case 'operator':
        can('read', ['NodeHealth', 'RoutingStats', 'TrainingRound', 'ModelVersion', 'PrivacyBudget'], { region });
        can('start', 'TrainingRound', { region });
        break;
      case 'dpo':
        can(['read', 'create', 'verify', 'approve', 'deny', 'extend', 'execute', 'download'], 'RightsRequest', { region });
        can('read', ['SubjectPersonalData', 'ConsentHistory'], { region, requestStatus: { $in: [...OPEN_REQUEST_STATES] } });
        can('download', 'AccessReport', { region, requestType: 'access', requestStatus: 'completed' });
        can('read', 'DataMap', { region });
        break;
      case 'auditor':
        can(['read', 'download'], 'RightsRequest', { region });
        can('read', ['LedgerCheckpoint', 'TrainingRound', 'ModelVersion', 'PrivacyBudget', 'DataMap'], { region });
        can('download', 'EvidenceBundle', { region });
        break;
      case 'admin':
        can('manage', 'ConsoleUser', { region, id: { $ne: input.userId } });
        break;
      default: {
        const unknown: never = grant.role;
        throw new Error(`unknown console role ${String(unknown)}`);
      }
    }
  }
  return build();
}
