import type { RightsRequestState } from './rights-request-type.ts';

/** How close to the statutory deadline counts as "near" (a fifth of the window, at least 3 days). */
export const NEAR_DEADLINE_FRACTION = 0.2;
const MIN_NEAR_MS = 3 * 86_400_000;

export interface SlaInput {
  status: RightsRequestState;
  received_at: Date;
  target_at: Date;
  statutory_deadline_at: Date;
  extended_deadline_at: Date | null;
}

export interface SlaStatus {
  open: boolean;
  /** Past the internal 24-hour target and still open. */
  pastTarget: boolean;
  /** Within the last fifth of the statutory window (or past it) and still open. */
  nearStatutory: boolean;
  pastStatutory: boolean;
  deadline: Date;
}

/**
 * Where an open request stands against its internal target and statutory deadline. Pure.
 *
 * @example
 * slaStatus(request, new Date()).pastTarget; // true when open for more than 24 h
 */
export function slaStatus(r: SlaInput, now: Date): SlaStatus {
  const open = r.status !== 'completed' && r.status !== 'denied';
  const deadline = r.extended_deadline_at ?? r.statutory_deadline_at;
  const window = deadline.getTime() - r.received_at.getTime();
  const near = Math.max(MIN_NEAR_MS, window * NEAR_DEADLINE_FRACTION);
  const t = now.getTime();
  return {
    open,
    deadline,
    pastTarget: open && t > r.target_at.getTime(),
    nearStatutory: open && t > deadline.getTime() - near,
    pastStatutory: open && t > deadline.getTime(),
  };
}
