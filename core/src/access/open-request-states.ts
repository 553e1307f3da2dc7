/**
 * The states in which a rights request is open (still being handled). A DPO
 * sees a subject's personal data only through a request in one of these;
 * every other state (completed, denied, forwarded to another region...) is
 * closed. Mirrors the lifecycle in `regions/src/rights/rights-request-type.ts`,
 * where a test checks that exactly the states with a next state are open.
 */
export const OPEN_REQUEST_STATES = ['received', 'verified', 'approved', 'executing'] as const;

export type OpenRequestState = (typeof OPEN_REQUEST_STATES)[number];
