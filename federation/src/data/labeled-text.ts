import type { SourceExample } from './source-example.ts';

/** A message of a region's split: the source example plus where it came from and whose it is. */
export interface LabeledText extends SourceExample {
  /** Key of `DATASET_SOURCES`. */
  source: string;
  /**
   * Synthetic data-subject id (`<region>-<task>-<train|test>-<n>`), several
   * messages per subject, deterministic: the unit of subject-level DP and of
   * erasure lineage. Test subjects are disjoint from training subjects.
   */
  subjectId: string;
}
