/**
 * When erasures are unlearned. Retraining replays every round from the first
 * affected one on every region, so erasures are batched: all requests due by
 * a batch share one rollback-and-retrain per federation.
 *
 * Worst-case residual window: an erasure just after the batch hour waits one
 * period (24 h), then the retrain runs (allowed `retrainAllowanceHours`):
 * 24 h + 6 h = 30 h by default, plus back-off if a retrain fails (each
 * failure retries within 10 minutes). Well inside the statutory deadlines
 * (30 days and more); the 24-hour internal target covers the data deletion,
 * which does not wait for unlearning.
 */
export interface UnlearningPolicy {
  /** Hour of the day (UTC) of the nightly batch. */
  batchHourUtc: number;
  /** Batch period in hours (24: nightly). */
  periodHours: number;
  /** How long a batch's retrain may take; the stated residual deadline is due + this. */
  retrainAllowanceHours: number;
}

export const DEFAULT_UNLEARNING_POLICY: UnlearningPolicy = Object.freeze({ batchHourUtc: 2, periodHours: 24, retrainAllowanceHours: 6 });

/**
 * The next batch strictly after `now`. Pure.
 *
 * @example
 * nextUnlearningBatch(new Date('2026-11-20T10:00:00Z')); // 2026-11-21T02:00:00Z
 */
export function nextUnlearningBatch(now: Date, policy: UnlearningPolicy = DEFAULT_UNLEARNING_POLICY): Date {
  const period = policy.periodHours * 3_600_000;
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  let t = day + policy.batchHourUtc * 3_600_000;
  while (t > now.getTime()) t -= period;
  while (t <= now.getTime()) t += period;
  return new Date(t);
}

/**
 * Until when a pending unlearning leaves residual influence, at the latest: the batch plus the retrain allowance. Pure.
 *
 * @example
 * residualDeadline(new Date('2026-11-21T02:00:00Z')); // 2026-11-21T08:00:00Z
 */
export function residualDeadline(dueAt: Date, policy: UnlearningPolicy = DEFAULT_UNLEARNING_POLICY): Date {
  return new Date(dueAt.getTime() + policy.retrainAllowanceHours * 3_600_000);
}
