/** One federated round a subject's data contributed to. */
export interface TrainingRound {
  federation: string;
  round: number;
  messages: number;
}

/**
 * Which training rounds used a subject's data. The lead builds lineage (and
 * unlearning) against this interface; the access report and the certificate
 * read it through here only.
 */
export interface TrainingLineage {
  /** Whether this implementation really knows lineage (false: the report says it is unknown, never "none"). */
  readonly available: boolean;
  roundsOf(subjectId: string): Promise<TrainingRound[]>;
}

/**
 * PLACEHOLDER — NOT lineage. Knows no rounds and says so (`available: false`),
 * so a report built with it states that training lineage is not yet available
 * rather than claiming the subject trained nothing.
 *
 * @example
 * const report = await buildAccessReport(node, requestId, { lineage: noTrainingLineage });
 */
export const noTrainingLineage: TrainingLineage = {
  available: false,
  async roundsOf() {
    return [];
  },
};
