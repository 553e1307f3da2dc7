import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { modelHash } from '../model/model-hash.ts';
import { rawWeightsCodec } from './raw-weights-codec.ts';

describe('rawWeightsCodec', () => {
  it('round-trips any weights exactly, and the same weights always give the same bytes', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }).filter((k) => k !== '__proto__'), fc.array(fc.float({ noNaN: true }), { maxLength: 20 }), { maxKeys: 5 }), (raw) => {
        const weights = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Float32Array.from(v)]));
        const bytes = rawWeightsCodec.encode(weights);
        expect(rawWeightsCodec.decode(bytes)).toEqual(weights);
        const reordered = Object.fromEntries(Object.entries(weights).reverse());
        expect(modelHash(rawWeightsCodec.encode(reordered))).toBe(modelHash(bytes));
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a tensor named __proto__ both ways (it would replace the prototype, not add a tensor)', () => {
    const evil = JSON.parse('{"__proto__": [1]}') as Record<string, number[]>;
    expect(() => rawWeightsCodec.encode(Object.fromEntries(Object.entries(evil).map(([k, v]) => [k, Float32Array.from(v)])))).toThrow(/__proto__/);
    const header = JSON.stringify({ tensors: [{ name: '__proto__', length: 1 }] });
    const out = new Uint8Array(12 + header.length + 4);
    out.set(new TextEncoder().encode('MRDNWT01'), 0);
    new DataView(out.buffer).setUint32(8, header.length, true);
    out.set(new TextEncoder().encode(header), 12);
    expect(() => rawWeightsCodec.decode(out)).toThrow(/bad tensor entry/);
  });

  it('refuses truncated, trailing or foreign bytes', () => {
    const bytes = rawWeightsCodec.encode({ a: Float32Array.of(1, 2, 3) });
    expect(() => rawWeightsCodec.decode(bytes.subarray(0, bytes.length - 1))).toThrow(/truncated/);
    expect(() => rawWeightsCodec.decode(Uint8Array.from([...bytes, 0, 0, 0, 0]))).toThrow(/trailing/);
    expect(() => rawWeightsCodec.decode(new TextEncoder().encode('MRDNFT01xxxxxxxx'))).toThrow(/not raw/);
  });
});
