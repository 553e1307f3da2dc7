// The chaincode carries its own copy of the RFC 6962 hash functions (it may not
// import the ESM audit workspace at runtime). This pins them to audit's.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { emptyRoot as ccEmpty, leafHash, nodeHash, HASH_SIZE as CC_HASH_SIZE } from '../src/rfc6962.ts';
import { emptyRoot, hashChildren, hashLeaf, HASH_SIZE } from '../../src/merkle/hashes.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('chaincode RFC 6962 hashing agrees with audit/src/merkle/hashes.ts', () => {
  test('known answers (RFC 6962 empty tree and empty leaf)', () => {
    expect(hex(ccEmpty())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(leafHash(new Uint8Array()))).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    expect(CC_HASH_SIZE).toBe(HASH_SIZE);
    expect(hex(ccEmpty())).toBe(hex(emptyRoot()));
  });

  test('leaf and node hashes agree on random inputs', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (leaf, l, r) => {
        expect(hex(leafHash(leaf))).toBe(hex(hashLeaf(leaf)));
        expect(hex(nodeHash(l, r))).toBe(hex(hashChildren(l, r)));
      }),
      { numRuns: 300 },
    );
  });

  test('domain separation: a leaf hash differs from a node hash of the same bytes', () => {
    const l = Buffer.alloc(32, 1);
    const r = Buffer.alloc(32, 2);
    expect(hex(leafHash(Buffer.concat([l, r])))).not.toBe(hex(nodeHash(l, r)));
  });
});
