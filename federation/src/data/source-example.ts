/** One labelled message as a dataset source yields it, before region assignment. */
export interface SourceExample {
  text: string;
  /** Class id in the task's labels (see `TASK_LABELS`). */
  label: number;
  /** ISO 639-1 language code. */
  language: string;
}

/** A source's train and test splits and what cleaning dropped, by reason. */
export interface SourceSplits {
  train: SourceExample[];
  test: SourceExample[];
  dropped: Record<string, number>;
}
