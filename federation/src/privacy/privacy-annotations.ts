import type { UpdateTransform } from '../round/update-transform.ts';

const KEYS = ['epsilon', 'delta', 'dpNoiseMultiplier', 'dpClipNorm', 'dpSampleRate', 'dpMaxExamplesPerSubject'] as const;

/**
 * The update-pipeline stage that carries a DP round's spend to the
 * coordinator: it copies `epsilon`, `delta` and the DP settings that
 * `dpTrainer` left in the update's metrics into its annotations, which the
 * coordinator turns into `RoundRecord.privacy` and the ledger leaf. Put it
 * before any masking transform (it touches no tensors). An update without
 * those metrics passes unchanged.
 *
 * @example
 * runRoundsAsParticipant({ ..., trainer: dpTrainer({ ... }), transforms: [privacyAnnotations, secureAggregation] });
 */
export const privacyAnnotations: UpdateTransform = {
  name: 'privacy-annotations',
  apply(update) {
    const annotations = { ...update.annotations };
    for (const k of KEYS) {
      const v = update.metrics[k];
      if (typeof v === 'number' && Number.isFinite(v)) annotations[k] = v;
    }
    return { ...update, annotations };
  },
};
