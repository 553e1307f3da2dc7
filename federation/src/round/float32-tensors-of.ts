import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { Weights } from '../model/weights.ts';
import { FLOAT32_ENCODING } from './float32-encoding.ts';
import type { UpdateEnvelope } from './update-envelope.ts';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Reads the tensors of a `float32-le` envelope back as Weights (copies, so
 * they do not pin the wire buffer). Any other encoding is a `BAD_INPUT`:
 * an aggregator that does not know how to read an update must not guess.
 *
 * @example
 * const delta = float32TensorsOf(envelope);
 */
export function float32TensorsOf(envelope: Pick<UpdateEnvelope, 'encoding' | 'tensors'>): Weights {
  if (envelope.encoding !== FLOAT32_ENCODING) {
    throw new MeridianError('BAD_INPUT', `cannot read an update encoded as ${envelope.encoding}`, { reason: 'unknown_encoding', encoding: envelope.encoding.slice(0, 64) });
  }
  const out: Weights = {};
  for (const [name, bytes] of Object.entries(envelope.tensors)) {
    if (bytes.length % 4 !== 0) throw new MeridianError('BAD_INPUT', `tensor ${name} is not a whole number of float32 values`, { reason: 'ragged_tensor', tensor: name.slice(0, 64), bytes: bytes.length });
    const t = new Float32Array(bytes.length / 4);
    if (LITTLE_ENDIAN) new Uint8Array(t.buffer).set(bytes);
    else {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let i = 0; i < t.length; i++) t[i] = view.getFloat32(i * 4, true);
    }
    out[name] = t;
  }
  return out;
}
