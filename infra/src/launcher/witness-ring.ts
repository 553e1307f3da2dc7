import { createWitness } from '@meridian/audit/witness/create-witness.ts';
import { requestCosignatures, type CosignFailure } from '@meridian/audit/witness/request-cosignatures.ts';
import type { Witness } from '@meridian/audit/witness/witness.ts';
import { nodeVerifierKeys } from '@meridian/regions/node/node-verifier-keys.ts';
import type { OpenedRegionNode } from '@meridian/regions/node/open-region-node.ts';

export interface CosignRound {
  region: string;
  size: number;
  cosignedBy: string[];
  failures: CosignFailure[];
}

/**
 * Every region witnesses the others: its witness keeps the last checkpoint it
 * verified of each other log (in its own database) and cosigns a new one only if
 * it is consistent with it. In one process the witnesses are called directly; a
 * multi-host deployment puts the same `WitnessClient` behind mTLS.
 */
export function witnessRing(nodes: readonly OpenedRegionNode[]) {
  const keys = new Map(nodes.map((n) => [n.region, nodeVerifierKeys(n)] as const));
  const witnesses = new Map<string, Witness>(
    nodes.map((n) => [
      n.region,
      createWitness({
        db: n.db,
        cosigner: n.witnessCosigner,
        logs: nodes.filter((o) => o !== n).map((o) => keys.get(o.region)!.log),
        onAlarm: (a) => n.logger.error({ alarm: { kind: a.kind, origin: a.origin } }, 'witness alarm: a log presented an inconsistent checkpoint'),
      }),
    ]),
  );
  return {
    keys,
    /** Signs a checkpoint of each log that grew and has the other regions cosign it. */
    async checkpointAll(): Promise<CosignRound[]> {
      return Promise.all(
        nodes.map(async (n) => {
          const others = nodes.filter((o) => o !== n);
          const { checkpoint, results, failures } = await requestCosignatures(
            n.ledger,
            others.map((o) => witnesses.get(o.region)!),
            others.map((o) => keys.get(o.region)!.witness),
          );
          return { region: n.region, size: checkpoint.checkpoint.size, cosignedBy: results, failures };
        }),
      );
    },
  };
}
