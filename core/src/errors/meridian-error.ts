/**
 * The closed set of failure codes Meridian reports. Each maps to exactly one
 * HTTP status in `httpStatusOf`, the single place that mapping lives.
 */
export const ERROR_CODES = {
  BAD_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  /** A subject's personal data was sent to a region that is not their home. */
  RESIDENCY_VIOLATION: 422,
  /** The region's policy refuses the operation (transfer rule, purpose, consent). */
  POLICY_REFUSED: 422,
  /** A privacy budget (ε) would be exceeded. */
  BUDGET_EXCEEDED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Non-personal facts that explain a failure (expected vs. found, field paths, line numbers). */
export type Evidence = Record<string, string | number | boolean | null | readonly (string | number)[]>;

/**
 * The one error type of Meridian. It carries a code from a closed set and the
 * evidence needed to act on it; it never carries personal data.
 *
 * @example
 * throw new MeridianError('RESIDENCY_VIOLATION', 'subject lives in sea, this node is eu', { homeRegion: 'sea', nodeRegion: 'eu' });
 */
export class MeridianError extends Error {
  readonly code: ErrorCode;
  readonly evidence: Evidence;
  constructor(code: ErrorCode, message: string, evidence: Evidence = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MeridianError';
    this.code = code;
    this.evidence = evidence;
  }
  get status(): number {
    return httpStatusOf(this.code);
  }
}

export function httpStatusOf(code: ErrorCode): number {
  return ERROR_CODES[code];
}

export function isMeridianError(e: unknown): e is MeridianError {
  return e instanceof MeridianError;
}
