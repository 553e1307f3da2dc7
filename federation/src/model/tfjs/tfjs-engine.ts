import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { FastTextEngine } from '../fasttext-engine.ts';
import { FASTTEXT_PARAMS } from '../fasttext-params.ts';
import type { FeatureBatch } from '../feature-batch.ts';
import type { ModelSpec } from '../model-spec.ts';
import type { LossAndGradient, Reduction } from '../reference/reference-fasttext.ts';
import type { Weights } from '../weights.ts';
import type { LoadedTf } from './load-tf.ts';
import { loadTf } from './load-tf.ts';

/**
 * The TensorFlow.js engine. The embedding table stays in JS memory (the
 * `Weights` record): per batch it gathers only the unique rows the batch uses,
 * pools them with a dense (batch × unique rows) matmul, and differentiates
 * with respect to those rows, the output kernel and bias. `tf.gather` is never
 * differentiated: its gradient kernel (UnsortedSegmentSum) is missing on WASM
 * and table-sized on CPU (TOOLCHAIN.md). The caller applies the row gradients
 * sparsely.
 *
 * @example
 * const engine = await createTfjsEngine();
 * const { loss, gradient } = engine.lossAndGradient(weights, spec, batch, labels, 'mean');
 */
export async function createTfjsEngine(loaded?: LoadedTf): Promise<FastTextEngine & { backend: string }> {
  const { tf, backend } = loaded ?? (await loadTf());

  function inputs(weights: Weights, spec: ModelSpec, batch: FeatureBatch) {
    const D = spec.dim;
    const C = spec.labels.length;
    const U = batch.rows.length;
    const E = need(weights, FASTTEXT_PARAMS.embedding, spec.tokenizer.buckets * D);
    const rows = new Float32Array(Math.max(U, 1) * D);
    for (let r = 0; r < U; r++) rows.set(E.subarray((batch.rows[r] as number) * D, ((batch.rows[r] as number) + 1) * D), r * D);
    const pool = new Float32Array(batch.size * Math.max(U, 1));
    const width = Math.max(U, 1);
    for (let i = 0; i < batch.size; i++) {
      for (let k = batch.offsets[i] as number; k < (batch.offsets[i + 1] as number); k++) pool[i * width + (batch.cols[k] as number)] = batch.weights[k] as number;
    }
    return {
      eu: tf.tensor2d(rows, [width, D]),
      pool: tf.tensor2d(pool, [batch.size, width]),
      kernel: tf.tensor2d(need(weights, FASTTEXT_PARAMS.kernel, D * C), [D, C]),
      bias: tf.tensor1d(need(weights, FASTTEXT_PARAMS.bias, C)),
    };
  }

  return {
    name: 'tfjs',
    backend,
    probabilities(weights, spec, batch) {
      if (batch.size === 0) return new Float32Array(0);
      const out = tf.tidy(() => {
        const { eu, pool, kernel, bias } = inputs(weights, spec, batch);
        return tf.softmax(tf.add(tf.matMul(tf.matMul(pool, eu), kernel), bias));
      });
      const probs = out.dataSync() as Float32Array;
      out.dispose();
      return probs;
    },
    lossAndGradient(weights, spec, batch, labels, reduction: Reduction): LossAndGradient {
      const C = spec.labels.length;
      if (labels.length !== batch.size) throw new MeridianError('BAD_INPUT', 'one label per example is required', { examples: batch.size, labels: labels.length });
      for (const y of labels) if (y < 0 || y >= C) throw new MeridianError('BAD_INPUT', 'label out of range', { label: y, classes: C });
      const scale = reduction === 'mean' && batch.size > 0 ? 1 / batch.size : 1;
      const tensors = tf.tidy(() => {
        const { eu, pool, kernel, bias } = inputs(weights, spec, batch);
        const onehot = tf.oneHot(tf.tensor1d(labels, 'int32'), C);
        const f = (e: typeof eu, k: typeof kernel, b: typeof bias) =>
          tf.mul(tf.neg(tf.sum(tf.mul(onehot, tf.logSoftmax(tf.add(tf.matMul(tf.matMul(pool, e), k), b))))), scale);
        const { value, grads } = tf.valueAndGrads(f as (...a: TfTensor[]) => TfScalar)([eu, kernel, bias]);
        return [value, ...grads];
      });
      const [value, gE, gK, gB] = tensors.map((t) => t.dataSync() as Float32Array);
      for (const t of tensors) t.dispose();
      return {
        loss: (value as Float32Array)[0] as number,
        gradient: {
          rows: batch.rows,
          // With no rows the gathered tensor had one zero row for shape's sake: drop it.
          embedding: batch.rows.length === 0 ? new Float32Array(0) : (gE as Float32Array),
          kernel: gK as Float32Array,
          bias: gB as Float32Array,
        },
      };
    },
  };
}

type TfTensor = import('@tensorflow/tfjs').Tensor;
type TfScalar = import('@tensorflow/tfjs').Scalar;

function need(weights: Weights, name: string, size: number): Float32Array {
  const p = weights[name];
  if (!p || p.length !== size) throw new MeridianError('BAD_INPUT', `weights lack ${name} of the spec's size`, { name, expected: size, found: p?.length ?? null });
  return p;
}
