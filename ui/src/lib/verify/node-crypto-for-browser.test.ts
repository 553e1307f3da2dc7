import { describe, expect, it } from 'vitest';
import * as node from 'node:crypto';
import fc from 'fast-check';
import { ed25519 } from '@noble/curves/ed25519.js';
import * as browser from './node-crypto-for-browser.ts';

const spki = (raw: Uint8Array) => Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]);

describe('node:crypto for the browser verifier', () => {
  it('hashes exactly like node (one-shot and chained)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 50 }), (a, b) => {
        expect(Buffer.from(browser.hash('sha256', a, 'buffer') as Uint8Array)).toEqual(node.hash('sha256', a, 'buffer'));
        expect(browser.createHash('sha256').update(a).update(b).digest()).toEqual(node.createHash('sha256').update(a).update(b).digest());
      }),
      { numRuns: 200 },
    );
  });

  it('accepts exactly the Ed25519 signatures node accepts: genuine ones, not altered messages or signatures', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 200 }), fc.nat(63), (seed, message, flip) => {
        const pub = ed25519.getPublicKey(seed);
        const sig = ed25519.sign(message, seed);
        const nodeKey = node.createPublicKey({ key: spki(pub), format: 'der', type: 'spki' });
        const browserKey = browser.createPublicKey({ key: spki(pub), format: 'der', type: 'spki' });
        const bad = Uint8Array.from(sig);
        bad[flip] = bad[flip]! ^ 1;
        const other = Uint8Array.from([...message, 1]);
        for (const [m, s] of [[message, sig], [message, bad], [other, sig]] as const) {
          expect(browser.verify(null, m, browserKey, s)).toBe(node.verify(null, m, nodeKey, s));
        }
        expect(browser.verify(null, message, browserKey, sig)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a non-canonical signature (S + L) as node does, and keys that are not Ed25519', () => {
    const seed = new Uint8Array(32).fill(7);
    const pub = ed25519.getPublicKey(seed);
    const msg = new TextEncoder().encode('checkpoint');
    const sig = ed25519.sign(msg, seed);
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    let s = 0n;
    for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(sig[32 + i]!);
    s += L;
    const malleable = Uint8Array.from(sig);
    for (let i = 0; i < 32; i++) malleable[32 + i] = Number((s >> BigInt(8 * i)) & 0xffn);
    const nodeKey = node.createPublicKey({ key: spki(pub), format: 'der', type: 'spki' });
    expect(node.verify(null, msg, nodeKey, malleable)).toBe(false);
    expect(browser.verify(null, msg, browser.createPublicKey({ key: spki(pub), format: 'der', type: 'spki' }), malleable)).toBe(false);
    expect(() => browser.createPublicKey({ key: new Uint8Array(44), format: 'der', type: 'spki' })).toThrow(/Ed25519/);
    expect(() => browser.hash('md5', new Uint8Array(), 'buffer')).toThrow(/sha256/);
  });
});
