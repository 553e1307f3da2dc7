import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { FastTextModel } from './fasttext-model.ts';
import { fastTextShapes } from './fasttext-params.ts';
import type { ModelHeader } from './serialize-model.ts';
import { LITTLE_ENDIAN, MODEL_MAGIC } from './serialize-model.ts';
import type { Weights } from './weights.ts';

/**
 * Reads bytes written by `serializeModel`. Truncated, foreign or inconsistent
 * bytes are a BAD_INPUT error with the offending field; tensors are copied out
 * so the model does not pin the input buffer.
 *
 * @example
 * const { model, metadata } = deserializeModel(bytes);
 */
export function deserializeModel(bytes: Uint8Array): { model: FastTextModel; metadata: ModelHeader['metadata'] } {
  const dec = new TextDecoder();
  if (bytes.length < 12 || dec.decode(bytes.subarray(0, 8)) !== MODEL_MAGIC) {
    throw new MeridianError('BAD_INPUT', 'not a Meridian fastText model', { magic: dec.decode(bytes.subarray(0, Math.min(8, bytes.length))) });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(8, true);
  if (12 + headerLength > bytes.length) throw new MeridianError('BAD_INPUT', 'model header truncated', { headerLength, bytes: bytes.length });
  let header: ModelHeader;
  try {
    header = JSON.parse(dec.decode(bytes.subarray(12, 12 + headerLength))) as ModelHeader;
  } catch (cause) {
    throw new MeridianError('BAD_INPUT', 'model header is not JSON', { headerLength }, { cause });
  }
  if (header.format !== 1) throw new MeridianError('BAD_INPUT', 'unsupported model format', { format: String(header.format) });
  const dataStart = 12 + headerLength;
  const shapes = fastTextShapes(header.spec);
  const weights: Weights = {};
  for (const t of header.tensors) {
    const expected = shapes[t.name];
    const length = expected?.reduce((a, b) => a * b, 1);
    if (length !== t.length) throw new MeridianError('BAD_INPUT', `tensor ${t.name} does not match the spec`, { name: t.name, expected: length ?? null, found: t.length });
    const start = dataStart + t.offset * 4;
    if (start + t.length * 4 > bytes.length) throw new MeridianError('BAD_INPUT', 'model data truncated', { name: t.name, needed: start + t.length * 4, bytes: bytes.length });
    const out = new Float32Array(t.length);
    if (LITTLE_ENDIAN) new Uint8Array(out.buffer).set(bytes.subarray(start, start + t.length * 4));
    else for (let i = 0; i < t.length; i++) out[i] = view.getFloat32(start + i * 4, true);
    weights[t.name] = out;
  }
  for (const name of Object.keys(shapes)) if (!weights[name]) throw new MeridianError('BAD_INPUT', `model lacks tensor ${name}`, { name });
  if (dataStart + header.tensors.reduce((n, t) => n + t.length * 4, 0) !== bytes.length) {
    throw new MeridianError('BAD_INPUT', 'trailing bytes after model data', { bytes: bytes.length });
  }
  return { model: { spec: header.spec, weights }, metadata: header.metadata };
}
