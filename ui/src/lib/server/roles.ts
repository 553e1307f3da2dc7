import type { ConsoleRole } from '@meridian/core/access/console-role.ts';
import type { ConsoleGrant } from '@meridian/core/access/console-grant.ts';

export { CONSOLE_ROLES as ROLES } from '@meridian/core/access/console-role.ts';
export type Role = ConsoleRole;
export type Grant = ConsoleGrant;

/** How each role is named to people. */
export const ROLE_LABELS: Record<Role, string> = { operator: 'Operator', dpo: 'Data protection officer', auditor: 'Auditor', admin: 'Administrator' };
