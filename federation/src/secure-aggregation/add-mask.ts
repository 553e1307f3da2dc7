import { MeridianError } from '@meridian/core/errors/meridian-error.ts';

/**
 * target ← target + sign·mask (mod 2^32), in place. The pairwise mask of
 * parties u < v is added by u and subtracted by v, so it cancels in the sum.
 *
 * @example
 * addMask(vector, maskStream(secret, label, vector.length), region < peer ? 1 : -1);
 */
export function addMask(target: Uint32Array, mask: Uint32Array, sign: 1 | -1): void {
  if (target.length !== mask.length) throw new MeridianError('INTERNAL', 'a mask must cover the whole vector', { target: target.length, mask: mask.length });
  const n = target.length;
  if (sign === 1) for (let i = 0; i < n; i++) target[i] = ((target[i] as number) + (mask[i] as number)) >>> 0;
  else for (let i = 0; i < n; i++) target[i] = ((target[i] as number) - (mask[i] as number)) >>> 0;
}
