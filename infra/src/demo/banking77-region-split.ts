import type { Region } from '@meridian/core/policy/region-profile.ts';
import { hash128 } from './seeded-random.ts';

/**
 * Which region receives a Banking77 message: data/README.md suggests giving
 * `eu` and `sea` each "one label-skewed half" so federated training sees
 * non-IID data. Every label goes to both regions, but in different
 * proportions: labels at an even position of `categories.json` go 75 % to
 * `eu`, odd ones 75 % to `sea`. The row's side is decided by a hash of its
 * text, so the split needs no state and is the same everywhere.
 *
 * @example
 * banking77RegionOf(0, 'How do I locate my card?'); // 'eu' or 'sea', always the same
 */
export function banking77RegionOf(labelIndex: number, text: string): Extract<Region, 'eu' | 'sea'> {
  const euShare = labelIndex % 2 === 0 ? 0.75 : 0.25;
  return hash128(text)[0] / 4294967296 < euShare ? 'eu' : 'sea';
}
