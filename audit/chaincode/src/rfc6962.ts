/**
 * RFC 6962 §2.1 (= RFC 9162 §2.1.1) hashing, duplicated on purpose.
 *
 * The chaincode runs inside a Fabric chaincode container as a CommonJS package
 * and must not import the ESM workspaces at runtime, so the two hash functions
 * live here too. `test/hash-agreement.test.ts` checks they agree byte for byte
 * with `audit/src/merkle`.
 */
import { createHash } from 'crypto';

export const HASH_SIZE = 32;

/** MTH({d}) = SHA-256(0x00 || d). */
export function leafHash(leaf: Uint8Array): Buffer {
  return createHash('sha256').update(Buffer.of(0x00)).update(leaf).digest();
}

/** MTH(D[n]) = SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(Buffer.of(0x01)).update(left).update(right).digest();
}

/** MTH({}) = SHA-256(""), the root of the empty tree. */
export function emptyRoot(): Buffer {
  return createHash('sha256').digest();
}
