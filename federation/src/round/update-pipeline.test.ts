import { describe, expect, it } from 'vitest';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { createFedAvg } from '../strategy/fed-avg/fed-avg.ts';
import { applyUpdateTransforms } from './apply-update-transforms.ts';
import { createStrategyAggregator } from './create-strategy-aggregator.ts';
import { envelopeOfFitResult } from './envelope-of-fit-result.ts';
import { float32TensorsOf } from './float32-tensors-of.ts';
import { summarizeEvaluations } from './summarize-evaluations.ts';
import type { TransformContext } from './update-transform.ts';
import { fromWireUpdate, toWireUpdate, wireUpdateSchema } from './wire-update.ts';

const fit = { region: 'eu', numExamples: 3, delta: { w: Float32Array.of(0.5, -1, 3.25), b: Float32Array.of(Math.PI) }, metrics: { loss: 0.5 } };
const at = { federation: 'intent', round: 2 };
const context = { federation: 'intent', round: 2, region: 'eu', participants: ['eu'], signal: new AbortController().signal } as unknown as TransformContext;

describe('the update path', () => {
  it('round-trips a FitResult through envelope, wire JSON and back, bit for bit', () => {
    const wire = JSON.parse(JSON.stringify(toWireUpdate(envelopeOfFitResult(fit, at))));
    const back = fromWireUpdate(wireUpdateSchema.parse(wire), 'eu');
    expect(back).toMatchObject({ federation: 'intent', round: 2, region: 'eu', numExamples: 3, encoding: 'float32-le', metrics: { loss: 0.5 } });
    expect(float32TensorsOf(back)).toEqual(fit.delta);
  });

  it('never lets a tensor named __proto__ through the wire', () => {
    const wire = JSON.parse(`{"federation":"intent","round":1,"numExamples":1,"encoding":"float32-le","tensors":{"__proto__":"AAAAAA==","w":"AAAAAA=="},"metrics":{},"annotations":{}}`);
    const envelope = fromWireUpdate(wireUpdateSchema.parse(wire), 'eu');
    expect(Object.getOwnPropertyNames(envelope.tensors)).toEqual(['w']);
    expect(Object.getPrototypeOf(envelope.tensors)).toBe(Object.prototype);
  });

  it('runs transforms in order and refuses one that rewrites the round identity', async () => {
    const order: string[] = [];
    const tag = (name: string) => ({ name, apply: (u: ReturnType<typeof envelopeOfFitResult>) => (order.push(name), { ...u, annotations: { ...u.annotations, [name]: true } }) });
    const out = await applyUpdateTransforms(envelopeOfFitResult(fit, at), [tag('a'), tag('b')], context);
    expect(order).toEqual(['a', 'b']);
    expect(out.annotations).toEqual({ a: true, b: true });
    await expect(applyUpdateTransforms(envelopeOfFitResult(fit, at), [{ name: 'evil', apply: (u) => ({ ...u, round: 3 }) }], context)).rejects.toThrow(MeridianError);
  });

  it('aggregates plain updates with the strategy, and validates them against the global model', async () => {
    const aggregator = createStrategyAggregator(createFedAvg({ schedule: { rounds: 2, localEpochs: 1, learningRate: 1, batchSize: 1 }, weighting: 'examples' }));
    const global = { w: Float32Array.of(1, 1, 1), b: Float32Array.of(0) };
    const a = envelopeOfFitResult({ region: 'eu', numExamples: 3, delta: { w: Float32Array.of(1, 0, 0), b: Float32Array.of(1) } }, at);
    const b = envelopeOfFitResult({ region: 'me', numExamples: 1, delta: { w: Float32Array.of(-3, 4, 0), b: Float32Array.of(1) } }, at);
    aggregator.validate(a, global);
    const next = await aggregator.aggregate({ ...at, global, updates: [a, b], failures: [], channel: undefined as never, signal: new AbortController().signal });
    expect(next).toEqual({ w: Float32Array.of(1, 2, 1), b: Float32Array.of(1) });
    const inf = envelopeOfFitResult({ region: 'eu', numExamples: 1, delta: { w: Float32Array.of(0, Infinity, 0), b: Float32Array.of(0) } }, at);
    expect(() => aggregator.validate(inf, global)).toThrow(expect.objectContaining({ evidence: expect.objectContaining({ reason: 'non_finite', index: 1 }) }));
    expect(() => aggregator.validate({ ...a, numExamples: -1 }, global)).toThrow(expect.objectContaining({ evidence: { reason: 'bad_example_count' } }));
  });

  it('summarizes evaluations as example-weighted means', () => {
    expect(summarizeEvaluations({ sea: { numExamples: 10, metrics: { accuracy: 0.5 } }, eu: { numExamples: 30, metrics: { accuracy: 0.9, macroF1: 0.8 } }, me: { numExamples: 0, metrics: {} } })).toEqual({
      regions: { eu: { numExamples: 30, metrics: { accuracy: 0.9, macroF1: 0.8 } }, me: { numExamples: 0, metrics: {} }, sea: { numExamples: 10, metrics: { accuracy: 0.5 } } },
      mean: { accuracy: 0.8, macroF1: 0.8 },
      numExamples: 40,
    });
  });
});
