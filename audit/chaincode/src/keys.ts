/**
 * World-state key layout. All keys of one region share a prefix; indices are
 * zero-padded to 16 decimal digits (2^53 has 16) so Fabric's lexicographic
 * range queries return them in numeric order.
 *
 * Leaves, nodes and checkpoints use simple keys because Fabric's
 * `getStateByRange` refuses composite keys; the config-approval and refId
 * indexes use composite keys because they are only ever listed by prefix.
 */

export const INDEX_WIDTH = 16;

export function pad(n: number, width = INDEX_WIDTH): string {
  return String(n).padStart(width, '0');
}

export const keys = {
  config: 'ml/config',
  head: (region: string): string => `ml/head/${region}`,
  leaf: (region: string, index: number): string => `ml/leaf/${region}/${pad(index)}`,
  node: (region: string, level: number, index: number): string => `ml/node/${region}/${pad(level, 2)}/${pad(index)}`,
  checkpoint: (region: string, size: number): string => `ml/ckpt/${region}/${pad(size)}`,
  latestCheckpoint: (region: string): string => `ml/ckpt-latest/${region}`,
  /** Composite-key object types. */
  approvalType: 'meridian.ledger.approval',
  refType: 'meridian.ledger.ref',
};
