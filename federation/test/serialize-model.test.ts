import { describe, expect, it } from 'vitest';
import { isMeridianError } from '@meridian/core/errors/meridian-error.ts';
import { deserializeModel } from '../src/model/deserialize-model.ts';
import { initWeights } from '../src/model/init-weights.ts';
import { modelHash } from '../src/model/model-hash.ts';
import { serializeModel } from '../src/model/serialize-model.ts';
import { TINY_SPEC } from './helpers.ts';

const model = { spec: TINY_SPEC, weights: initWeights(TINY_SPEC, 11) };

function badInput(f: () => unknown): boolean {
  try {
    f();
    return false;
  } catch (e) {
    return isMeridianError(e) && e.code === 'BAD_INPUT';
  }
}

describe('model serialization', () => {
  it('round-trips spec, weights and metadata exactly', () => {
    const bytes = serializeModel(model, { round: 3, strategy: 'fedavg' });
    const back = deserializeModel(bytes);
    expect(back.model.spec).toEqual({ ...TINY_SPEC, labels: [...TINY_SPEC.labels] });
    expect(back.metadata).toEqual({ round: 3, strategy: 'fedavg' });
    for (const [k, v] of Object.entries(model.weights)) expect(Array.from(back.model.weights[k] ?? [])).toEqual(Array.from(v));
    expect(modelHash(serializeModel(back.model, back.metadata))).toBe(modelHash(bytes));
  });

  it('hashes deterministically (metadata key order does not matter) and changes with one weight', () => {
    const a = modelHash(serializeModel(model, { a: 1, b: 2 }));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(modelHash(serializeModel(model, { b: 2, a: 1 }))).toBe(a);
    const changed = { spec: model.spec, weights: { ...model.weights, 'output/bias': Float32Array.of(0, 0, 1e-7) } };
    expect(modelHash(serializeModel(changed, { a: 1, b: 2 }))).not.toBe(a);
  });

  it('refuses foreign, truncated, padded or inconsistent bytes with BAD_INPUT', () => {
    const bytes = serializeModel(model);
    expect(badInput(() => deserializeModel(new TextEncoder().encode('not a model at all')))).toBe(true);
    expect(badInput(() => deserializeModel(bytes.subarray(0, bytes.length - 4)))).toBe(true);
    expect(badInput(() => deserializeModel(Uint8Array.of(...bytes, 0, 0, 0, 0)))).toBe(true);
    expect(badInput(() => deserializeModel(bytes.subarray(0, 20)))).toBe(true);
    expect(badInput(() => serializeModel({ spec: model.spec, weights: { ...model.weights, 'output/bias': new Float32Array(2) } }))).toBe(true);
  });
});
