/** What a rollback-and-retrain did, in non-personal terms (it goes into certificates and on ledgers). */
export type UnlearningOutcome =
  | { kind: 'not_needed'; federation: string; reason: 'no_aggregated_round' }
  | {
      kind: 'retrained';
      federation: string;
      /** Order of this run among the federation's runs. */
      generation: number;
      /** The round whose model the replay started from (0: the initial model). */
      rolledBackTo: number;
      /** Rounds whose aggregate had used the erased data. */
      affectedRounds: number[];
      /** Rounds re-run (rolledBackTo + 1 … toRound). */
      retrainedRounds: number;
      toRound: number;
      previousModelHash: string;
      modelHash: string;
      /** Replaced models deleted from the registry (they were trained on the erased data). */
      purgedModels: number;
      /** `exact`: deterministic training, bit-identical to training without the data; `resampled`: DP noise was drawn afresh. */
      exactness: 'exact' | 'resampled';
    };
