import type { RegionNode } from '../node/region-node.ts';
import { trainingLineage } from './training-lineage.repository.ts';
import { trainingShards } from './training-shard.ts';

/**
 * Records a round's lineage from the examples it trained on: per subject, how
 * many messages and which SISA shard. Call it where the round reads its
 * corpus, before training (a crash after it over-records a round, never
 * under-records one). `readAt` (default now) should be taken before the
 * corpus is read: an unlearning replay re-reads only messages received by then.
 *
 * @example
 * const readAt = node.now();
 * const corpus = await consentedTrainingCorpus(node, 'intent');
 * await recordRoundLineage(node, 'intent', config.round, corpus, readAt);
 */
export async function recordRoundLineage(node: RegionNode, federation: string, round: number, examples: readonly { subjectId: string }[], readAt: Date = node.now()): Promise<void> {
  const perSubject = new Map<string, number>();
  for (const e of examples) perSubject.set(e.subjectId, (perSubject.get(e.subjectId) ?? 0) + 1);
  const shardOf = trainingShards(node.keyring.blindIndexKey);
  const shards = new Map([...perSubject.keys()].map((s) => [s, shardOf(s)]));
  await trainingLineage.record(node.db, federation, round, perSubject, readAt, shards);
}
