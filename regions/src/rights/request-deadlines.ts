import type { PolicyEngine } from '@meridian/core/policy/policy-engine.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';

/** The internal target for every request, whatever the law allows. */
export const INTERNAL_TARGET_MS = 24 * 3_600_000;

export interface RequestDeadlines {
  statutory: Date;
  target: Date;
}

/**
 * The statutory deadline of a request under its jurisdiction (from the region
 * profile) and the internal 24-hour target. Pure.
 *
 * @example
 * requestDeadlines(policy, 'EU-GDPR', new Date('2026-01-01')).statutory; // 2026-01-31 (30 days)
 */
export function requestDeadlines(policy: PolicyEngine, jurisdiction: string, receivedAt: Date): RequestDeadlines {
  return { statutory: policy.statutoryDeadline(jurisdiction, receivedAt), target: new Date(receivedAt.getTime() + INTERNAL_TARGET_MS) };
}

/**
 * The deadline after an extension of `days` (at most the profile's extension, once).
 * Throws POLICY_REFUSED when the law allows no extension or fewer days.
 *
 * @example
 * extendedDeadline(policy, 'EU-GDPR', receivedAt, 60); // received + 30 + 60 days
 */
export function extendedDeadline(policy: PolicyEngine, jurisdiction: string, receivedAt: Date, days: number): Date {
  const rule = policy.jurisdiction(jurisdiction).rightsDeadline;
  if (rule.extensionDays === 0) throw new MeridianError('POLICY_REFUSED', `${jurisdiction} allows no deadline extension`, { jurisdiction });
  if (!Number.isInteger(days) || days < 1 || days > rule.extensionDays) {
    throw new MeridianError('BAD_INPUT', `an extension under ${jurisdiction} is 1 to ${rule.extensionDays} days`, { jurisdiction, days, maxDays: rule.extensionDays });
  }
  return new Date(receivedAt.getTime() + (rule.days + days) * 86_400_000);
}
