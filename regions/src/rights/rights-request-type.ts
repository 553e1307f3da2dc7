/** The rights a data subject can exercise (GDPR Arts. 15-21, CCPA opt-out of sale/sharing). */
export const RIGHTS_REQUEST_TYPES = ['erasure', 'access', 'rectification', 'restriction', 'objection', 'opt_out_sale'] as const;
export type RightsRequestType = (typeof RIGHTS_REQUEST_TYPES)[number];

/**
 * A request's life: received → verified → approved → executing → completed,
 * or denied (with a reason) from any state before completion. A request whose
 * subject lives in another region ends here as `forwarded`: that region's
 * request (linked by origin) carries on.
 */
export const RIGHTS_REQUEST_STATES = ['received', 'verified', 'approved', 'executing', 'completed', 'denied', 'forwarded'] as const;
export type RightsRequestState = (typeof RIGHTS_REQUEST_STATES)[number];

/** Closed denial reasons set by the system; a DPO's own denial carries `dpo_denied` plus a note. */
export const DENY_REASONS = ['identity_not_verified', 'verification_expired', 'subject_not_found', 'ambiguous_subject', 'dpo_denied'] as const;
export type DenyReason = (typeof DENY_REASONS)[number];

/** Which state a request may move to from which (the only allowed transitions). */
export const NEXT_STATES: Readonly<Record<RightsRequestState, readonly RightsRequestState[]>> = {
  received: ['verified', 'denied', 'forwarded'],
  verified: ['approved', 'denied'],
  approved: ['executing', 'denied'],
  executing: ['completed'],
  completed: [],
  denied: [],
  forwarded: [],
};
