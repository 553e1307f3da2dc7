import { z } from 'zod';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { UpdateEnvelope } from './update-envelope.ts';

const NAME = /^[A-Za-z0-9_./:-]{1,128}$/;
/**
 * Tensor names; never `__proto__`, which JSON.parse keeps as a key but an
 * assignment would turn into a prototype (zod drops it today; this does not rely on that).
 */
const TENSOR = /^(?!__proto__$)[A-Za-z0-9_./:-]{1,128}$/;
const KEY = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const finite = z.number().refine(Number.isFinite, 'must be finite');

/**
 * An `UpdateEnvelope` as JSON on the wire: tensors in base64. It carries no
 * region: the coordinator takes that from the sender's certificate. Keys are
 * identifiers and strings are short, so nothing like free text fits in the
 * metadata around the numbers.
 */
export const wireUpdateSchema = z.object({
  federation: z.string().regex(NAME),
  round: z.number().int().min(1),
  numExamples: z.number().int().min(0),
  encoding: z.string().regex(NAME),
  tensors: z.record(z.string().regex(TENSOR), z.string().regex(BASE64)).refine((t) => Object.keys(t).length <= 256, 'at most 256 tensors'),
  metrics: z.record(z.string().regex(KEY), finite).refine((m) => Object.keys(m).length <= 64, 'at most 64 metrics'),
  annotations: z
    .record(z.string().regex(KEY), z.union([z.string().max(256), finite, z.boolean()]))
    .refine((a) => Object.keys(a).length <= 64, 'at most 64 annotations'),
});

export type WireUpdate = z.infer<typeof wireUpdateSchema>;

/**
 * Envelope → wire form.
 *
 * @example
 * await coordinator.round.submit.mutate(toWireUpdate(envelope));
 */
export function toWireUpdate(envelope: UpdateEnvelope): WireUpdate {
  return {
    federation: envelope.federation,
    round: envelope.round,
    numExamples: envelope.numExamples,
    encoding: envelope.encoding,
    tensors: Object.fromEntries(Object.entries(envelope.tensors).map(([k, v]) => [k, Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')])),
    metrics: { ...envelope.metrics },
    annotations: { ...envelope.annotations },
  };
}

/**
 * Wire form → envelope, for the region the sender's certificate names.
 * Base64 that does not decode to a whole number of bytes is a `BAD_INPUT`.
 *
 * @example
 * const envelope = fromWireUpdate(input, ctx.peer.region);
 */
export function fromWireUpdate(wire: WireUpdate, region: string): UpdateEnvelope {
  const tensors: Record<string, Uint8Array> = {};
  for (const [name, b64] of Object.entries(wire.tensors)) {
    if (b64.length % 4 !== 0) throw new MeridianError('BAD_INPUT', `tensor ${name} is not padded base64`, { reason: 'bad_base64', tensor: name });
    const buf = Buffer.from(b64, 'base64');
    tensors[name] = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  return {
    federation: wire.federation,
    round: wire.round,
    region,
    numExamples: wire.numExamples,
    encoding: wire.encoding,
    tensors,
    metrics: { ...wire.metrics },
    annotations: { ...wire.annotations },
  };
}
