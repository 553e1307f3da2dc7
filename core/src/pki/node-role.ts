/**
 * The kinds of federation member a certificate can name. A role says what a
 * peer may do (a `console` may not submit model updates, a `witness` only
 * cosigns checkpoints); servers decide which roles they accept.
 */
export const NODE_ROLES = ['region', 'coordinator', 'console', 'witness'] as const;

export type NodeRole = (typeof NODE_ROLES)[number];

/**
 * @example
 * isNodeRole('witness') // true
 * isNodeRole('admin')   // false
 */
export function isNodeRole(value: unknown): value is NodeRole {
  return typeof value === 'string' && (NODE_ROLES as readonly string[]).includes(value);
}
