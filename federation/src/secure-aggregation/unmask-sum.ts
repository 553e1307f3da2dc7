import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { addMask } from './add-mask.ts';
import { maskLabels } from './mask-labels.ts';
import { maskStream } from './mask-stream.ts';

/** What the coordinator needs to turn masked updates into the sum of their encodings. */
export interface UnmaskingInput {
  federation: string;
  round: number;
  /** The survivors' masked vectors (all of the same length). */
  masked: readonly Uint32Array[];
  /** Each survivor's reconstructed self-mask seed b_u. */
  selfSeeds: readonly { region: string; seed: Uint8Array }[];
  /**
   * For each survivor u and each party d that dropped after the key exchange:
   * the pair secret s_ud, recomputed from d's reconstructed mask key. Those
   * pairwise masks have no partner in the sum and must be taken out.
   */
  droppedPairs: readonly { survivor: string; dropped: string; secret: Uint8Array }[];
}

/**
 * Σ y_u − Σ PRG(b_u) ∓ Σ PRG(s_ud)  (mod 2^32) = Σ x_u over the survivors,
 * exactly. Pure.
 *
 * @example
 * const sum = unmaskSum({ federation: 'intent', round: 1, masked, selfSeeds, droppedPairs: [] });
 */
export function unmaskSum(input: UnmaskingInput): Uint32Array {
  const first = input.masked[0];
  if (!first) throw new MeridianError('BAD_INPUT', 'nothing to unmask', { reason: 'no_updates' });
  const labels = maskLabels(input.federation, input.round);
  const sum = new Uint32Array(first.length);
  for (const y of input.masked) addMask(sum, y, 1);
  for (const { region, seed } of input.selfSeeds) addMask(sum, maskStream(seed, labels.self(region), sum.length), -1);
  for (const { survivor, dropped, secret } of input.droppedPairs) {
    // The survivor added +mask if survivor < dropped, else −mask: undo that.
    addMask(sum, maskStream(secret, labels.pair(survivor, dropped), sum.length), survivor < dropped ? -1 : 1);
  }
  return sum;
}
