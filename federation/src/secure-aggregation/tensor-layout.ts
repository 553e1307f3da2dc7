/** Where each tensor sits in the one vector that is encoded and masked. */
export interface TensorLayout {
  /** Tensor names in code-unit order (the same on every party and the coordinator). */
  names: string[];
  offsets: Record<string, number>;
  lengths: Record<string, number>;
  /** Total number of values. */
  length: number;
}

/**
 * The layout of a model's tensors in the masked vector: sorted by name and
 * concatenated, so one PRG stream per seed covers the whole update.
 *
 * @example
 * tensorLayout({ w: 4, b: 1 }); // { names: ['b', 'w'], offsets: { b: 0, w: 1 }, lengths: { b: 1, w: 4 }, length: 5 }
 */
export function tensorLayout(lengths: Readonly<Record<string, number>>): TensorLayout {
  const names = Object.keys(lengths).sort();
  const offsets: Record<string, number> = {};
  let length = 0;
  for (const name of names) {
    offsets[name] = length;
    length += lengths[name] as number;
  }
  return { names, offsets, lengths: { ...lengths }, length };
}
