import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { Weights } from '../model/weights.ts';
import type { ModelCodec } from './model-codec.ts';

const MAGIC = 'MRDNWT01';
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * A codec for any `Weights`, whatever the model: `MRDNWT01` | header length
 * (u32 LE) | header JSON `{ tensors: [{ name, length }] }` with names sorted,
 * padded with spaces to a multiple of 4 | each tensor as float32 LE. Sorting
 * makes it deterministic whatever order the record was built in.
 *
 * The fastText format (`fastTextModelCodec`) also carries the model spec and
 * is what `meridian classify` reads; this one suits tests and models with no
 * spec, and strategy state.
 *
 * @example
 * const bytes = rawWeightsCodec.encode({ w: Float32Array.of(1, 2) });
 * rawWeightsCodec.decode(bytes).w; // Float32Array [1, 2]
 */
export const rawWeightsCodec: ModelCodec = Object.freeze({
  name: 'raw-weights-v1',
  encode(weights: Weights): Uint8Array {
    const names = Object.keys(weights).sort();
    if (names.includes('__proto__')) throw new MeridianError('BAD_INPUT', 'a tensor may not be named __proto__', { reason: 'bad_tensor_name' });
    const tensors = names.map((name) => ({ name, length: (weights[name] as Float32Array).length }));
    const enc = new TextEncoder();
    let json = JSON.stringify({ tensors });
    while ((12 + enc.encode(json).length) % 4 !== 0) json += ' ';
    const header = enc.encode(json);
    const start = 12 + header.length;
    const out = new Uint8Array(start + tensors.reduce((n, t) => n + t.length * 4, 0));
    out.set(enc.encode(MAGIC), 0);
    new DataView(out.buffer).setUint32(8, header.length, true);
    out.set(header, 12);
    let offset = start;
    const view = new DataView(out.buffer);
    for (const name of names) {
      const t = weights[name] as Float32Array;
      if (LITTLE_ENDIAN) out.set(new Uint8Array(t.buffer, t.byteOffset, t.byteLength), offset);
      else for (let i = 0; i < t.length; i++) view.setFloat32(offset + i * 4, t[i] as number, true);
      offset += t.length * 4;
    }
    return out;
  },
  decode(bytes: Uint8Array): Weights {
    const dec = new TextDecoder();
    if (bytes.length < 12 || dec.decode(bytes.subarray(0, 8)) !== MAGIC) throw new MeridianError('BAD_INPUT', 'not raw Meridian weights', { reason: 'bad_magic' });
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const headerLength = view.getUint32(8, true);
    if (12 + headerLength > bytes.length) throw new MeridianError('BAD_INPUT', 'weights header truncated', { reason: 'truncated', headerLength, bytes: bytes.length });
    let header: { tensors: { name: string; length: number }[] };
    try {
      header = JSON.parse(dec.decode(bytes.subarray(12, 12 + headerLength))) as typeof header;
    } catch (cause) {
      throw new MeridianError('BAD_INPUT', 'weights header is not JSON', { reason: 'bad_header' }, { cause });
    }
    if (!Array.isArray(header?.tensors)) throw new MeridianError('BAD_INPUT', 'weights header has no tensor list', { reason: 'bad_header' });
    let offset = 12 + headerLength;
    const out: Weights = {};
    for (const t of header.tensors) {
      // `__proto__` would set the record's prototype instead of adding a tensor.
      if (typeof t?.name !== 'string' || t.name === '__proto__' || !Number.isSafeInteger(t.length) || t.length < 0) throw new MeridianError('BAD_INPUT', 'weights header has a bad tensor entry', { reason: 'bad_header' });
      if (offset + t.length * 4 > bytes.length) throw new MeridianError('BAD_INPUT', 'weights data truncated', { reason: 'truncated', tensor: t.name.slice(0, 64) });
      const a = new Float32Array(t.length);
      if (LITTLE_ENDIAN) new Uint8Array(a.buffer).set(bytes.subarray(offset, offset + t.length * 4));
      else for (let i = 0; i < t.length; i++) a[i] = view.getFloat32(offset + i * 4, true);
      out[t.name] = a;
      offset += t.length * 4;
    }
    if (offset !== bytes.length) throw new MeridianError('BAD_INPUT', 'trailing bytes after the weights', { reason: 'trailing_bytes', bytes: bytes.length });
    return out;
  },
});
