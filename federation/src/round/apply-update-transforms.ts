import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { TransformContext, UpdateTransform } from './update-transform.ts';
import type { UpdateEnvelope } from './update-envelope.ts';

/**
 * Runs the update pipeline in order. The round, federation and region of the
 * envelope are pinned: a transform that changes them is a bug that would let
 * one round's update count in another, so it is refused here.
 *
 * @example
 * const wire = await applyUpdateTransforms(envelopeOfFitResult(fit, at), [mask], context);
 */
export async function applyUpdateTransforms(update: UpdateEnvelope, transforms: readonly UpdateTransform[], context: TransformContext): Promise<UpdateEnvelope> {
  let current = update;
  for (const transform of transforms) {
    const next = await transform.apply(current, context);
    if (next.round !== update.round || next.federation !== update.federation || next.region !== update.region) {
      throw new MeridianError('INTERNAL', `update transform ${transform.name} changed the round identity of the update`, { transform: transform.name });
    }
    current = next;
  }
  return current;
}
