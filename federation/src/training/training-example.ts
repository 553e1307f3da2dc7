/**
 * One labelled message as local training sees it: already tokenized (hashed
 * feature ids, so tokenizing happens once, outside tfjs, and can run in
 * parallel), with the data subject it belongs to. The subject id is what
 * subject-level DP bounds and what erasure lineage follows; it is a
 * pseudonymous id, never a name.
 */
export interface TrainingExample {
  features: Int32Array;
  /** Class index into the model spec's labels. */
  label: number;
  subjectId: string;
}
