import { describe, expect, it } from 'vitest';
import type { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { secaggMessages } from '../../src/secure-aggregation/secagg-messages.ts';
import { SECAGG_TOPICS } from '../../src/secure-aggregation/secagg-topics.ts';
import { sealBox } from '../../src/secure-aggregation/seal-box.ts';
import { openKeyAdvertisement } from '../../src/secure-aggregation/key-advertisement.ts';
import { x25519 } from '../../src/secure-aggregation/x25519.ts';
import { createTestPki } from '../coordinator/support/test-pki.ts';
import { memoryRoundChannel } from './support/memory-round-channel.ts';
import { maskInProcess, secaggTransforms } from './support/secagg-parties.ts';

describe('what a survivor reveals when the coordinator asks', () => {
  it('reveals, per party, the self-mask share if it survived or the mask-key share if it dropped, never both; and refuses announcements that would expose someone', async () => {
    const pki = createTestPki();
    const parties = ['eu', 'me', 'sea'];
    const channelOf = memoryRoundChannel(parties);
    const refusals: MeridianError[] = [];
    const transforms = secaggTransforms(pki, { keyWaitMs: 2_000, unmaskWaitMs: 2_000, onRefusal: (e) => refusals.push(e) });
    const delta = { w: Float32Array.of(0.5, -0.25) };
    await maskInProcess(transforms, Object.fromEntries(parties.map((p) => [p, { delta, numExamples: 1 }])), channelOf);
    const server = channelOf('coordinator');
    const ctx = (region: string) => ({ federation: 'intent', round: 1, region, participants: parties, channel: channelOf(region), signal: new AbortController().signal });

    // Below the threshold (t = 2 of 3): answering would let the coordinator peel eu alone.
    const first = x25519.generate();
    await server.post(SECAGG_TOPICS.survivors, secaggMessages.encodeSurvivors({ survivors: ['eu'], key: first.publicKey }));
    await transforms.eu!.afterSend!(ctx('eu'));
    expect(refusals.map((e) => e.evidence.reason)).toEqual(['bad_survivors']);
    // A refused (or answered) round's secrets are gone: eu never answers a second, different announcement.
    await server.post(SECAGG_TOPICS.survivors, secaggMessages.encodeSurvivors({ survivors: ['eu', 'sea'], key: first.publicKey }));
    await transforms.eu!.afterSend!(ctx('eu'));
    expect(await server.read(SECAGG_TOPICS.unmask)).toEqual([]);

    // sea reads the first announcement too (the channel keeps it) and refuses it as well; so the round
    // can only fail: that is the price of never answering twice.
    await transforms.sea!.afterSend!(ctx('sea'));
    expect(refusals).toHaveLength(2);
  });

  it('answers a valid announcement with exactly one share per party, readable only with the coordinator key', async () => {
    const pki = createTestPki();
    const parties = ['eu', 'me', 'sea'];
    const channelOf = memoryRoundChannel(parties);
    const transforms = secaggTransforms(pki, { keyWaitMs: 2_000, unmaskWaitMs: 2_000 });
    await maskInProcess(transforms, Object.fromEntries(parties.map((p) => [p, { delta: { w: Float32Array.of(1) }, numExamples: 1 }])), channelOf);
    const server = channelOf('coordinator');
    const key = x25519.generate();
    await server.post(SECAGG_TOPICS.survivors, secaggMessages.encodeSurvivors({ survivors: ['eu', 'sea'], key: key.publicKey }));
    await transforms.eu!.afterSend!({ federation: 'intent', round: 1, region: 'eu', participants: parties, channel: channelOf('eu'), signal: new AbortController().signal });
    const [answer] = await server.read(SECAGG_TOPICS.unmask);
    const euKeys = openKeyAdvertisement((await server.read(SECAGG_TOPICS.keys)).find((m) => m.from === 'eu')!.body, { federation: 'intent', round: 1, from: 'eu' });
    const shares = secaggMessages.decodeUnmasking(sealBox.open(x25519.agree(key.privateKey, euKeys.cipherPublicKey), secaggMessages.unmaskLabel('intent', 1, 'eu'), answer!.body));
    expect(Object.keys(shares.selfSeeds).sort()).toEqual(['eu', 'sea']);
    expect(Object.keys(shares.maskKeys)).toEqual(['me']);
    // Another party (or anyone without the coordinator's key) cannot read it.
    expect(() => sealBox.open(x25519.agree(x25519.generate().privateKey, euKeys.cipherPublicKey), secaggMessages.unmaskLabel('intent', 1, 'eu'), answer!.body)).toThrow();
  });
});
