import { addMask } from './add-mask.ts';
import { maskLabels } from './mask-labels.ts';
import { maskStream } from './mask-stream.ts';

/** What one party masks its encoded update with. */
export interface MaskingInput {
  federation: string;
  round: number;
  region: string;
  /** The fixed-point encoding of the party's update (not modified). */
  encoded: Uint32Array;
  /** The party's self-mask seed b_u (32 bytes); revealed only if the party's masked update is in the sum. */
  selfSeed: Uint8Array;
  /** One X25519 shared secret per other party of the round (its mask key s_uv). */
  pairs: readonly { peer: string; secret: Uint8Array }[];
}

/**
 * y_u = x_u + PRG(b_u) + Σ_{v≠u} ±PRG(s_uv)  (mod 2^32): Bonawitz et al.'s
 * double masking. Pure. Each pairwise mask is added by the lower region of
 * the pair and subtracted by the higher one, so all of them cancel in the
 * sum over the parties; the self-mask is removed by the coordinator once
 * enough survivors reveal shares of b_u.
 *
 * @example
 * const y = maskVector({ federation: 'intent', round: 1, region: 'eu', encoded, selfSeed, pairs: [{ peer: 'me', secret }] });
 */
export function maskVector(input: MaskingInput): Uint32Array {
  const labels = maskLabels(input.federation, input.round);
  const out = input.encoded.slice();
  addMask(out, maskStream(input.selfSeed, labels.self(input.region), out.length), 1);
  for (const { peer, secret } of input.pairs) {
    if (peer === input.region) continue;
    addMask(out, maskStream(secret, labels.pair(input.region, peer), out.length), input.region < peer ? 1 : -1);
  }
  return out;
}
