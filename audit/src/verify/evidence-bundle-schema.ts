import { z } from 'zod';

/**
 * The verifier's own reading of the evidence bundle JSON (it does not import
 * the writer's type): shape only; every value is checked by `verifyBundle`.
 */
export const evidenceBundleSchema = z.object({
  format: z.literal('meridian-evidence-bundle/v1'),
  origin: z.string().min(1),
  about: z.string(),
  query: z.union([z.object({ refId: z.string() }), z.object({ indexes: z.array(z.number().int().min(0)) }), z.object({ all: z.literal(true) })]),
  createdAt: z.string(),
  checkpoints: z.array(z.string()).min(1),
  consistency: z.array(z.object({ from: z.number().int(), to: z.number().int(), hashes: z.array(z.string()) })),
  entries: z.array(z.object({ index: z.number().int().min(0), leaf: z.string(), proof: z.string() })),
  fullLog: z
    .object({
      tileHeight: z.number().int().min(1).max(16),
      headSize: z.number().int(),
      leaves: z.array(z.string()),
      tiles: z.array(z.object({ level: z.number().int().min(0), index: z.number().int().min(0), hashes: z.string() })),
    })
    .optional(),
});

export type BundleInput = z.infer<typeof evidenceBundleSchema>;
