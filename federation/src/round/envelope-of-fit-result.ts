import type { FitResult } from '../strategy/strategy.ts';
import { FLOAT32_ENCODING } from './float32-encoding.ts';
import type { UpdateEnvelope } from './update-envelope.ts';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The first stage of the update pipeline: a FitResult as a plain
 * `float32-le` envelope (bytes copied, so later transforms may edit them).
 *
 * @example
 * const envelope = envelopeOfFitResult(fit, { federation: 'intent', round: 3 });
 */
export function envelopeOfFitResult(fit: FitResult, at: { federation: string; round: number }): UpdateEnvelope {
  const tensors: Record<string, Uint8Array> = {};
  for (const [name, t] of Object.entries(fit.delta)) {
    const out = new Uint8Array(t.length * 4);
    if (LITTLE_ENDIAN) out.set(new Uint8Array(t.buffer, t.byteOffset, t.byteLength));
    else {
      const view = new DataView(out.buffer);
      for (let i = 0; i < t.length; i++) view.setFloat32(i * 4, t[i] as number, true);
    }
    tensors[name] = out;
  }
  return {
    federation: at.federation,
    round: at.round,
    region: fit.region,
    numExamples: fit.numExamples,
    encoding: FLOAT32_ENCODING,
    tensors,
    metrics: { ...(fit.metrics ?? {}) },
    annotations: {},
  };
}
