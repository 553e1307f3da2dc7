/**
 * Certificate common names are labels for humans (`eu-node-1`); identity is in
 * the Meridian extensions. They are kept short and log-safe, and the CA
 * applies the same rule to every CSR.
 *
 * @example
 * isCommonName('eu-node-1') // true
 * isCommonName('eu node')   // false
 */
export function isCommonName(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(value);
}
