import { hash } from 'node:crypto';

/**
 * The RFC 6962 / RFC 9162 hashing primitives: the only code the writer and
 * the offline verifier share. SHA-256 with domain-separation prefixes, so a
 * leaf can never be passed off as an interior node (second-preimage defence).
 */

/** Every hash in the tree is a 32-byte SHA-256 digest. */
export const HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/**
 * SHA-256(0x00 ‖ leaf).
 *
 * @example
 * hashLeaf(new Uint8Array()); // 6e340b9c…afa01d
 */
export function hashLeaf(leaf: Uint8Array): Uint8Array {
  return hash('sha256', Buffer.concat([LEAF_PREFIX, leaf]), 'buffer');
}

/**
 * SHA-256(0x01 ‖ left ‖ right).
 *
 * @example
 * const parent = hashChildren(hashLeaf(a), hashLeaf(b));
 */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  return hash('sha256', Buffer.concat([NODE_PREFIX, left, right]), 'buffer');
}

/**
 * The root of the empty tree, SHA-256 of the empty string.
 *
 * @example
 * Buffer.from(emptyRoot()).toString('hex'); // e3b0c442…b855
 */
export function emptyRoot(): Uint8Array {
  return hash('sha256', new Uint8Array(0), 'buffer');
}
