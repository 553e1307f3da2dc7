/**
 * A model's parameters as named dense tensors, flattened row-major. This is the
 * unit the round protocol moves: updates, aggregates and checkpoints are all Weights.
 */
export type Weights = Record<string, Float32Array>;
