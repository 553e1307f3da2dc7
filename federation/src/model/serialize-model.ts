import { fastTextShapes } from './fasttext-params.ts';
import type { FastTextModel } from './fasttext-model.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';

/** First 8 bytes of every serialized model. */
export const MODEL_MAGIC = 'MRDNFT01';

/** Header of the byte format (JSON, after the magic and its length). */
export interface ModelHeader {
  format: 1;
  spec: FastTextModel['spec'];
  tensors: { name: string; shape: number[]; offset: number; length: number }[];
  /** Free, non-personal facts (round, parents...): covered by the hash. */
  metadata: Record<string, string | number | boolean>;
}

/**
 * Serializes a model to bytes, deterministically (same model and metadata →
 * same bytes → same `modelHash`), so the registry can version by content hash.
 *
 * Layout: `MRDNFT01` | header length (u32 LE) | header JSON (UTF-8, padded with
 * spaces to a multiple of 4) | each tensor as float32 little-endian, in header
 * order. Tensors are in the spec's order: embedding, output/kernel, output/bias.
 *
 * @example
 * const bytes = serializeModel({ spec, weights }, { round: 3 });
 * const hash = modelHash(bytes);
 */
export function serializeModel(model: FastTextModel, metadata: ModelHeader['metadata'] = {}): Uint8Array {
  const shapes = fastTextShapes(model.spec);
  const tensors: ModelHeader['tensors'] = [];
  let offset = 0;
  for (const [name, shape] of Object.entries(shapes)) {
    const t = model.weights[name];
    const length = shape.reduce((a, b) => a * b, 1);
    if (!t || t.length !== length) throw new MeridianError('BAD_INPUT', `tensor ${name} does not match the spec`, { name, expected: length, found: t?.length ?? null });
    tensors.push({ name, shape: [...shape], offset, length });
    offset += length;
  }
  const header: ModelHeader = { format: 1, spec: { ...model.spec, labels: [...model.spec.labels], tokenizer: { ...model.spec.tokenizer } }, tensors, metadata: sortKeys(metadata) };
  let json = JSON.stringify(header);
  const enc = new TextEncoder();
  while ((8 + 4 + enc.encode(json).length) % 4 !== 0) json += ' ';
  const headerBytes = enc.encode(json);
  const dataStart = 12 + headerBytes.length;
  const out = new Uint8Array(dataStart + offset * 4);
  out.set(enc.encode(MODEL_MAGIC), 0);
  new DataView(out.buffer).setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 12);
  const view = new DataView(out.buffer, dataStart);
  for (const t of tensors) {
    const src = model.weights[t.name] as Float32Array;
    if (LITTLE_ENDIAN) out.set(new Uint8Array(src.buffer, src.byteOffset, src.byteLength), dataStart + t.offset * 4);
    else for (let i = 0; i < src.length; i++) view.setFloat32((t.offset + i) * 4, src[i] as number, true);
  }
  return out;
}

/** True on little-endian hosts, where float32 bytes can be copied as they are. */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function sortKeys<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]])) as T;
}
