import { FASTTEXT_PARAMS } from '../fasttext-params.ts';
import type { FeatureBatch } from '../feature-batch.ts';
import type { ModelSpec } from '../model-spec.ts';
import type { SparseGradient } from '../sparse-gradient.ts';
import type { Weights } from '../weights.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';

/** How a batch's per-example losses and gradients are combined. */
export type Reduction = 'mean' | 'sum';

/** Loss and gradient of one batch. */
export interface LossAndGradient {
  /** Cross-entropy, reduced as asked. */
  loss: number;
  gradient: SparseGradient;
}

/**
 * The fastText classifier's maths in plain TypeScript: mean-pooled embedding
 * bag, linear layer, softmax cross-entropy, with the backward pass written out.
 * It is the reference the TF.js engine is tested against, the "machine limit"
 * baseline of the inference bench, and the closed form that subject-level
 * DP-SGD relies on: for example i with pooled vector h_i and output error
 * δ_i = softmax(z_i) − onehot(y_i),
 *   ∂L/∂kernel = h_i δ_iᵀ,  ∂L/∂bias = δ_i,  ∂L/∂E[r] = (c_ir / n_i) · kernel δ_i,
 * so per-example (or per-subject, by summing its examples) gradients cost no
 * more than the batch gradient.
 *
 * @example
 * const p = referenceProbabilities(weights, spec, buildFeatureBatch([hashFeatures('hi', spec.tokenizer)]));
 * p.length === spec.labels.length; // one row of class probabilities
 */
export function referenceProbabilities(weights: Weights, spec: ModelSpec, batch: FeatureBatch): Float32Array {
  const { probs } = forward(weights, spec, batch);
  return probs;
}

/**
 * Loss and sparse gradient of a labelled batch (see `referenceProbabilities`).
 *
 * @example
 * const { loss, gradient } = referenceLossAndGradient(weights, spec, batch, labels, 'mean');
 */
export function referenceLossAndGradient(
  weights: Weights,
  spec: ModelSpec,
  batch: FeatureBatch,
  labels: Int32Array,
  reduction: Reduction,
): LossAndGradient {
  const D = spec.dim;
  const C = spec.labels.length;
  const B = batch.size;
  if (labels.length !== B) throw new MeridianError('BAD_INPUT', 'one label per example is required', { examples: B, labels: labels.length });
  const W = param(weights, FASTTEXT_PARAMS.kernel, D * C);
  const { hidden, probs } = forward(weights, spec, batch);
  const scale = reduction === 'mean' && B > 0 ? 1 / B : 1;
  const gE = new Float32Array(batch.rows.length * D);
  const gW = new Float32Array(D * C);
  const gb = new Float32Array(C);
  const delta = new Float32Array(C);
  const dh = new Float32Array(D);
  let loss = 0;
  for (let i = 0; i < B; i++) {
    const y = labels[i] as number;
    if (y < 0 || y >= C) throw new MeridianError('BAD_INPUT', 'label out of range', { label: y, classes: C });
    loss -= Math.log(Math.max(probs[i * C + y] as number, 1e-30));
    for (let c = 0; c < C; c++) delta[c] = ((probs[i * C + c] as number) - (c === y ? 1 : 0)) * scale;
    const hOff = i * D;
    for (let d = 0; d < D; d++) {
      const h = hidden[hOff + d] as number;
      let acc = 0;
      const wOff = d * C;
      for (let c = 0; c < C; c++) {
        const dc = delta[c] as number;
        gW[wOff + c] = (gW[wOff + c] as number) + h * dc;
        acc += (W[wOff + c] as number) * dc;
      }
      dh[d] = acc;
    }
    for (let c = 0; c < C; c++) gb[c] = (gb[c] as number) + (delta[c] as number);
    for (let k = batch.offsets[i] as number; k < (batch.offsets[i + 1] as number); k++) {
      const off = (batch.cols[k] as number) * D;
      const w = batch.weights[k] as number;
      for (let d = 0; d < D; d++) gE[off + d] = (gE[off + d] as number) + w * (dh[d] as number);
    }
  }
  return { loss: loss * scale, gradient: { rows: batch.rows, embedding: gE, kernel: gW, bias: gb } };
}

function forward(weights: Weights, spec: ModelSpec, batch: FeatureBatch): { hidden: Float32Array; probs: Float32Array } {
  const D = spec.dim;
  const C = spec.labels.length;
  const B = batch.size;
  const E = param(weights, FASTTEXT_PARAMS.embedding, spec.tokenizer.buckets * D);
  const W = param(weights, FASTTEXT_PARAMS.kernel, D * C);
  const bias = param(weights, FASTTEXT_PARAMS.bias, C);
  const hidden = new Float32Array(B * D);
  const probs = new Float32Array(B * C);
  for (let i = 0; i < B; i++) {
    const hOff = i * D;
    for (let k = batch.offsets[i] as number; k < (batch.offsets[i + 1] as number); k++) {
      const eOff = (batch.rows[batch.cols[k] as number] as number) * D;
      const w = batch.weights[k] as number;
      for (let d = 0; d < D; d++) hidden[hOff + d] = (hidden[hOff + d] as number) + w * (E[eOff + d] as number);
    }
    const pOff = i * C;
    for (let c = 0; c < C; c++) probs[pOff + c] = bias[c] as number;
    for (let d = 0; d < D; d++) {
      const h = hidden[hOff + d] as number;
      if (h === 0) continue;
      const wOff = d * C;
      for (let c = 0; c < C; c++) probs[pOff + c] = (probs[pOff + c] as number) + h * (W[wOff + c] as number);
    }
    let max = -Infinity;
    for (let c = 0; c < C; c++) max = Math.max(max, probs[pOff + c] as number);
    let sum = 0;
    for (let c = 0; c < C; c++) {
      const e = Math.exp((probs[pOff + c] as number) - max);
      probs[pOff + c] = e;
      sum += e;
    }
    for (let c = 0; c < C; c++) probs[pOff + c] = (probs[pOff + c] as number) / sum;
  }
  return { hidden, probs };
}

function param(weights: Weights, name: string, size: number): Float32Array {
  const p = weights[name];
  if (!p || p.length !== size) {
    throw new MeridianError('BAD_INPUT', `weights lack ${name} of the spec's size`, { name, expected: size, found: p?.length ?? null });
  }
  return p;
}
