/** One thing the verifier checked, in words an auditor can read. */
export interface VerdictItem {
  section: 'trust' | 'checkpoints' | 'history' | 'entries' | 'storage';
  /** `warn` is reported but does not fail the verdict. */
  status: 'pass' | 'fail' | 'warn';
  /** What was checked, as a sentence ("Entry 17 … is recorded in the log"). */
  check: string;
  /** Exactly what failed (or extra context), when there is something to add. */
  detail?: string;
}

/** The outcome of `meridian verify`: passed only if no item failed. */
export interface Verdict {
  ok: boolean;
  origin: string;
  about: string;
  items: VerdictItem[];
}
