/**
 * A model update on its way from a participant to the coordinator: what the
 * `UpdateTransform` pipeline passes along and what crosses the wire. Tensors
 * are bytes tagged with an `encoding`, so a transform can change the
 * representation (a plain float32 delta, fixed-point values masked in a
 * modular ring for secure aggregation, only the touched embedding rows...)
 * and the server-side `Aggregator` knows how to read it.
 */
export interface UpdateEnvelope {
  federation: string;
  round: number;
  /** The sender's region (the coordinator takes it from the mTLS certificate, never from the wire). */
  region: string;
  /** Examples (or bounded subject contributions) behind the update; weights FedAvg. */
  numExamples: number;
  /** How `tensors` are encoded; `FLOAT32_ENCODING` until a transform changes it. */
  encoding: string;
  tensors: Record<string, Uint8Array>;
  /** Aggregate training metrics (loss, steps): finite numbers, nothing per example. */
  metrics: Record<string, number>;
  /** Non-personal facts a transform leaves for its server-side counterpart (mask epoch, clip bound, ε spent...). */
  annotations: Record<string, string | number | boolean>;
}
