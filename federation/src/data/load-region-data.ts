import { sharedDataDir } from '@meridian/core/config/shared-data-dir.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { assignSubjects } from './assign-subjects.ts';
import { DATASET_SOURCES } from './dataset-sources.ts';
import { hashFraction } from './hash-split.ts';
import type { LabeledText } from './labeled-text.ts';
import type { RegionId } from './region-id.ts';
import { REGION_IDS } from './region-id.ts';
import { REGION_SPLIT } from './region-split.ts';
import type { SourceExample, SourceSplits } from './source-example.ts';
import type { TaskName } from './task-name.ts';
import { TASK_LABELS } from './task-name.ts';

/** One region's data for one task. */
export interface RegionSplit {
  train: LabeledText[];
  test: LabeledText[];
  sources: readonly string[];
}

/** A task's data across the federation. */
export interface RegionTaskData {
  task: TaskName;
  labels: readonly string[];
  regions: Record<RegionId, RegionSplit>;
  /** Rows dropped while cleaning, per source and reason. */
  dropped: Record<string, Record<string, number>>;
}

export interface LoadRegionDataOptions {
  /** Defaults to `sharedDataDir()`. */
  dataDir?: string;
  /** Keep at most this many training messages per source (deterministic by text hash); for fast tests and time-boxed benches. */
  maxTrainPerSource?: number;
  /** Same for test messages. */
  maxTestPerSource?: number;
}

// Parsed sources are cached per process: a simulation asks for the same files
// once per task and per baseline; parsing 30 MB of text each time would dominate.
const cache = new Map<string, SourceSplits>();

/**
 * Loads a task's train and held-out test split for every region, per
 * `REGION_SPLIT`, and assigns synthetic subject ids. Deterministic: the same
 * files and options give the same examples, order and subjects. Reads the data
 * in place under the shared data directory.
 *
 * @example
 * const intent = loadRegionData('intent');
 * intent.regions.me.train.length; // ArBanking77 MSA+PAL training messages
 * intent.regions.eu.train[0].subjectId; // 'eu-intent-train-17'
 */
export function loadRegionData(task: TaskName, options: LoadRegionDataOptions = {}): RegionTaskData {
  const dataDir = options.dataDir ?? sharedDataDir();
  const split = REGION_SPLIT[task];
  if (!split) throw new MeridianError('BAD_INPUT', `unknown task ${String(task)}`, { task: String(task) });
  const dropped: Record<string, Record<string, number>> = {};
  const regions = {} as Record<RegionId, RegionSplit>;
  for (const region of REGION_IDS) {
    const train: (SourceExample & { source: string })[] = [];
    const test: (SourceExample & { source: string })[] = [];
    for (const source of split[region]) {
      const s = loadSource(dataDir, source);
      dropped[source] = s.dropped;
      train.push(...cap(s.train, options.maxTrainPerSource, source).map((x) => ({ ...x, source })));
      test.push(...cap(s.test, options.maxTestPerSource, source).map((x) => ({ ...x, source })));
    }
    const trainSubjects = assignSubjects(train.length, `${region}-${task}-train`);
    const testSubjects = assignSubjects(test.length, `${region}-${task}-test`);
    regions[region] = {
      train: train.map((x, i) => ({ ...x, subjectId: trainSubjects[i] as string })),
      test: test.map((x, i) => ({ ...x, subjectId: testSubjects[i] as string })),
      sources: split[region],
    };
  }
  return { task, labels: TASK_LABELS[task], regions, dropped };
}

function loadSource(dataDir: string, source: string): SourceSplits {
  const key = `${dataDir}\u0000${source}`;
  let s = cache.get(key);
  if (!s) {
    const load = DATASET_SOURCES[source];
    if (!load) throw new MeridianError('BAD_INPUT', `unknown dataset source ${source}`, { source });
    s = load(dataDir);
    cache.set(key, s);
  }
  return s;
}

function cap<T extends { text: string }>(xs: readonly T[], max: number | undefined, salt: string): T[] {
  if (max === undefined || xs.length <= max) return [...xs];
  // Keep the `max` messages with the smallest hash: a deterministic, label-blind sample, in original order.
  const ranked = xs.map((x, i) => ({ i, h: hashFraction(`cap-${salt}`, `${i}\u0000${x.text}`) })).sort((a, b) => a.h - b.h).slice(0, max);
  return ranked.sort((a, b) => a.i - b.i).map((r) => xs[r.i] as T);
}
