import { applyUpdateTransforms } from '../../../src/round/apply-update-transforms.ts';
import { envelopeOfFitResult } from '../../../src/round/envelope-of-fit-result.ts';
import type { RoundChannel } from '../../../src/round/round-channel.ts';
import type { UpdateEnvelope } from '../../../src/round/update-envelope.ts';
import type { UpdateTransform } from '../../../src/round/update-transform.ts';
import type { Weights } from '../../../src/model/weights.ts';
import { createSecureAggregationTransform, type SecureAggregationTransformOptions } from '../../../src/secure-aggregation/secure-aggregation-transform.ts';
import type { TestPki } from '../../coordinator/support/test-pki.ts';

/** Secure-aggregation transforms for the regions of a test PKI, each signing with its own certificate. */
export function secaggTransforms(pki: TestPki, options: Omit<SecureAggregationTransformOptions, 'identity' | 'ca'> = {}): Record<string, UpdateTransform> {
  return Object.fromEntries(
    Object.entries(pki.regions).map(([region, id]) => [region, createSecureAggregationTransform({ identity: { key: id.key, cert: id.cert }, ca: pki.ca.certPem, revocation: () => pki.revocation.current(), ...options })]),
  );
}

/** Runs `apply` for each region in-process over `channelOf`, as the participant loop would. */
export async function maskInProcess(
  transforms: Record<string, UpdateTransform>,
  deltas: Record<string, { delta: Weights; numExamples: number }>,
  channelOf: (viewer: string) => RoundChannel,
  round = 1,
): Promise<UpdateEnvelope[]> {
  const participants = Object.keys(deltas).sort();
  const signal = new AbortController().signal;
  return Promise.all(
    participants.map((region) =>
      applyUpdateTransforms(
        envelopeOfFitResult({ region, numExamples: deltas[region]!.numExamples, delta: deltas[region]!.delta }, { federation: 'intent', round }),
        [transforms[region]!],
        { federation: 'intent', round, region, participants, channel: channelOf(region), signal },
      ),
    ),
  );
}
