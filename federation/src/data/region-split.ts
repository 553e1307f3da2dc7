import type { RegionId } from './region-id.ts';
import type { TaskName } from './task-name.ts';

/**
 * Which sources each region trains and tests on, per task: the "Suggested
 * split" of shared/data/README.md, non-IID on purpose (languages differ by
 * region; the two Banking77 halves are label-skewed). Names are keys of
 * `DATASET_SOURCES`. XED English is not assigned (GoEmotions covers English).
 */
export const REGION_SPLIT: Readonly<Record<TaskName, Readonly<Record<RegionId, readonly string[]>>>> = Object.freeze({
  intent: { eu: ['banking77-eu-half'], sea: ['banking77-sea-half'], me: ['arbanking77'] },
  sentiment: {
    eu: ['umsab-de', 'umsab-fr', 'umsab-es', 'umsab-it', 'umsab-pt', 'umsab-en'],
    sea: ['wisesight', 'smsa'],
    me: ['umsab-ar', 'arsarcasm'],
  },
  emotion: {
    eu: ['goemotions', 'xed-de', 'xed-fr', 'xed-es'],
    sea: ['emot', 'xed-th', 'xed-vi', 'xed-id', 'xed-ms'],
    me: ['xed-ar'],
  },
});
