import { MeridianError } from '../errors/meridian-error.ts';
import type { ConsoleAbility } from './console-ability.ts';
import type { ConsoleAction } from './console-action.ts';
import { consoleSubject, type ConsoleSubjectFields, type ConsoleSubjectType } from './console-subject.ts';

/**
 * Checks one action on one subject instance and throws FORBIDDEN (403) when the
 * ability does not allow it. The evidence names the action and subject type,
 * never the subject's data.
 *
 * @example
 * authorize(ability, 'read', 'SubjectPersonalData', { region: 'eu', requestStatus: request.status });
 */
export function authorize<S extends ConsoleSubjectType>(ability: ConsoleAbility, action: ConsoleAction, type: S, fields: ConsoleSubjectFields[S]): void {
  if (!ability.can(action, consoleSubject(type, fields))) {
    throw new MeridianError('FORBIDDEN', `not allowed to ${action} this ${type}`, { action, subject: type });
  }
}

/**
 * Checks that the ability has any rule for `action` on `type` at all, before
 * anything is loaded (so a caller without one learns nothing, not even whether
 * a record exists). Throws FORBIDDEN (403) otherwise.
 *
 * @example
 * authorizeType(ability, 'read', 'NodeHealth');
 */
export function authorizeType(ability: ConsoleAbility, action: ConsoleAction, type: ConsoleSubjectType): void {
  if (!ability.can(action, type)) {
    throw new MeridianError('FORBIDDEN', `not allowed to ${action} ${type}`, { action, subject: type });
  }
}
