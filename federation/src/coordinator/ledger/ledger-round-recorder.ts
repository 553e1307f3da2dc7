import type { Ledger } from '@meridian/audit/ledger/ledger.ts';
import type { RoundRecorder } from '../round-recorder.ts';
import type { RoundRecord } from '../round-record.ts';
import { canonicalRoundRecord } from '../canonical-round-record.ts';

export interface LedgerRoundRecorderOptions {
  /** The coordinator's own ledger, in the coordinator's database (the round commits in its transaction). */
  ledger: Ledger;
  /** Region field of the leaves; default `coordinator`. */
  region?: string;
}

/**
 * Records every round as a `training_round` leaf of the coordinator's ledger.
 * The leaf's clear metadata says what an auditor asks first (round, outcome,
 * model in/out, who took part, examples, ε once DP lands); the salted
 * commitment binds the full canonical record (config, failures, per-region
 * counts), which the coordinator's round table holds and an evidence bundle
 * can disclose. refId: `<federation>:round:<n>`.
 *
 * @example
 * const recorder = createLedgerRoundRecorder({ ledger: postgresLedger({ db, signer }) });
 */
export function createLedgerRoundRecorder(options: LedgerRoundRecorderOptions): RoundRecorder {
  const region = options.region ?? 'coordinator';
  return {
    async record(trx, record) {
      const [appended] = await options.ledger.append(trx, [
        {
          type: 'training_round',
          region,
          time: record.time,
          refId: roundRefId(record),
          payload: new TextEncoder().encode(canonicalRoundRecord(record)),
          meta: roundMeta(record),
        },
      ]);
      return { ledgerIndex: appended?.index ?? null };
    },
  };
}

/** The leaf refId of a round, e.g. `intent:round:7`. */
export function roundRefId(record: Pick<RoundRecord, 'federation' | 'round'>): string {
  return `${record.federation}:round:${record.round}`;
}

function roundMeta(record: RoundRecord): Record<string, string | number | boolean> {
  const meta: Record<string, string | number | boolean> = {
    federation: record.federation,
    round: record.round,
    outcome: record.outcome,
    strategy: record.strategy,
    aggregator: record.aggregator,
    modelIn: record.modelIn,
    modelOut: record.modelOut,
    participants: record.contributors.join(','),
    failed: Object.keys(record.failures).join(','),
    examples: record.totalExamples,
    exampleCounts: Object.entries(record.exampleCounts)
      .map(([r, n]) => `${r}:${n}`)
      .join(','),
  };
  if (record.privacy) {
    const spent = Object.entries(record.privacy);
    meta.epsilon = spent.map(([r, p]) => `${r}:${p.epsilon}`).join(',');
    meta.delta = spent.map(([r, p]) => `${r}:${p.delta}`).join(',');
  }
  return meta;
}
