import type { EvaluationSummary } from '../round/summarize-evaluations.ts';

/** What a coordinator reports as it runs (all non-personal: region ids, hashes, counts). */
export type CoordinatorEvent =
  | { type: 'started'; federation: string; round: number; modelHash: string; resumed: boolean }
  | { type: 'round_opened'; federation: string; round: number; invited: string[]; modelHash: string; deadline: string; attempt: number }
  | { type: 'update_received'; federation: string; round: number; region: string; numExamples: number }
  | { type: 'failure_reported'; federation: string; round: number; region: string; reason: string }
  | {
      type: 'round_aggregated';
      federation: string;
      round: number;
      contributors: string[];
      failures: Record<string, string>;
      modelIn: string;
      modelOut: string;
      totalExamples: number;
      ledgerIndex: number | null;
    }
  | { type: 'round_failed'; federation: string; round: number; reason: string; failures: Record<string, string> }
  | { type: 'evaluation_received'; federation: string; round: number; region: string }
  | { type: 'round_closed'; federation: string; round: number; evaluation: EvaluationSummary }
  | { type: 'finished'; federation: string; round: number; modelHash: string };
