/**
 * The encoding of a securely aggregated update: the update's tensors, in
 * sorted name order, as one vector of fixed-point values in Z_2^32 with the
 * secure-aggregation masks added, each tensor's slice little-endian u32.
 * Same size as `float32-le` (4 bytes per element).
 */
export const SECAGG_ENCODING = 'secagg-z32-le';
