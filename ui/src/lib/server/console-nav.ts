import type { StringKey } from '../i18n.ts';
import { regionsWhere, type ConsoleAbility, type ConsoleAction, type RegionScoped } from './permissions.ts';

const PAGES: { href: string; label: StringKey; action: ConsoleAction; subject: RegionScoped }[] = [
  { href: '/requests', label: 'requests', action: 'read', subject: 'RightsRequest' },
  { href: '/nodes', label: 'nodes', action: 'read', subject: 'NodeHealth' },
  { href: '/training', label: 'training', action: 'read', subject: 'TrainingRound' },
  { href: '/checkpoints', label: 'checkpoints', action: 'read', subject: 'LedgerCheckpoint' },
  { href: '/verify', label: 'verify', action: 'download', subject: 'EvidenceBundle' },
  { href: '/data-map', label: 'dataMap', action: 'read', subject: 'DataMap' },
  { href: '/users', label: 'users', action: 'manage', subject: 'ConsoleUser' },
];

/**
 * The pages a user may open, in menu order (a page shows when the ability
 * allows its action in at least one region).
 *
 * @example
 * navFor(abilityFor('u-1', [{ role: 'auditor', region: 'eu' }])); // requests, training, checkpoints, verify, data map
 */
export function navFor(ability: ConsoleAbility): { href: string; label: StringKey }[] {
  return PAGES.filter((p) => regionsWhere(ability, p.action, p.subject).length > 0).map(({ href, label }) => ({ href, label }));
}
