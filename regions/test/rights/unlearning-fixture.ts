import type { Region } from '@meridian/core/policy/region-profile.ts';
import { referenceEngine } from '@meridian/federation/model/reference/reference-engine.ts';
import { fastTextModelCodec } from '@meridian/federation/registry/fasttext-model-codec.ts';
import type { LocalTrainer } from '@meridian/federation/round/local-trainer.ts';
import { trainLocal } from '@meridian/federation/training/train-local.ts';
import { launcherStrategy, TINY_SPEC } from '../../../federation/test/unlearning/support/tiny-federation.ts';
import { ingestAtomically } from '../../src/ingest/ingest-batch.ts';
import type { RegionNode } from '../../src/node/region-node.ts';
import type { ReplaySetup } from '../../src/rights/unlearning/in-process-retrainer.ts';
import { consentedTrainingCorpus } from '../../src/training/consented-training-corpus.ts';
import { nodeTrainingExamples } from '../../src/training/node-training-examples.ts';
import { recordRoundLineage } from '../../src/training/record-round-lineage.ts';

export const ROUNDS = 3;
export const CODEC = fastTextModelCodec(TINY_SPEC);
const COUNTRY: Record<Region, string> = { eu: 'DE', sea: 'SG', me: 'AE' };
const PHRASES: Record<string, string[]> = {
  card_arrival: ['my card has not arrived yet', 'where is my new card', 'the card was never delivered'],
  refund: ['I want my money back', 'please refund the double charge', 'refund for the cancelled order'],
  other: ['what are your opening hours', 'hello, just a question', 'can I change my address'],
};

/** A customer with three labelled messages (each with a word of their own), consenting to training unless told otherwise. */
export function trainingCustomer(region: Region, id: string, opts: { consent?: boolean; email?: string } = {}) {
  const labels = TINY_SPEC.labels;
  const n = [...id].reduce((s, c) => s + c.charCodeAt(0), 0);
  return [0, 1, 2].map((k) => {
    const label = labels[(n + k) % labels.length]!;
    return {
      sourceMessageId: `${id}-m${k}`,
      channel: 'chat' as const,
      sentAt: '2026-11-20T10:00:00Z',
      text: `${PHRASES[label]![(n + k) % 3]} ${id.replace(/[^a-z0-9]/gi, '')}`,
      labels: { intent: label },
      subject: { externalId: id, homeRegion: region, country: COUNTRY[region], ...(opts.email ? { email: opts.email } : {}) },
      ...(opts.consent === false ? {} : { consents: [{ purpose: 'model_training' as const, granted: true }] }),
    };
  });
}

/** `count` consenting customers of a region. */
export async function seedCorpus(node: RegionNode, region: Region, count: number): Promise<void> {
  await ingestAtomically(node, Array.from({ length: count }, (_, i) => trainingCustomer(region, `${region}-cust-${i}`)).flat());
}

/**
 * A region's trainer as the launcher wires it: each round reads the node's
 * consented corpus afresh, records lineage (with SISA shards), trains with
 * `trainLocal` (seed 0) on the reference engine.
 */
export function nodeTrainer(node: RegionNode, region: string, opts: { recordLineage: boolean }): LocalTrainer {
  return async (global, config) => {
    const readAt = node.now();
    const corpus = await consentedTrainingCorpus(node, TINY_SPEC.task);
    if (opts.recordLineage) await recordRoundLineage(node, 'intent', config.round, corpus, readAt);
    return trainLocal(global, nodeTrainingExamples(corpus, TINY_SPEC), config, { spec: TINY_SPEC, region, engine: referenceEngine });
  };
}

/** How the `intent` federation above was trained, for the in-process retrainer. */
export function replaySetup(): Record<string, ReplaySetup> {
  return { intent: { spec: TINY_SPEC, strategy: launcherStrategy(ROUNDS), aggregation: 'secure', codec: CODEC } };
}

export { referenceEngine, TINY_SPEC, launcherStrategy };
