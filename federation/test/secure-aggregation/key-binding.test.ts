import { describe, expect, it } from 'vitest';
import { createCertificateAuthority } from '@meridian/core/pki/create-certificate-authority.ts';
import { openKeyAdvertisement, signKeyAdvertisement, type KeyAdvertisement } from '../../src/secure-aggregation/key-advertisement.ts';
import { secaggMessages } from '../../src/secure-aggregation/secagg-messages.ts';
import { SECAGG_TOPICS } from '../../src/secure-aggregation/secagg-topics.ts';
import { sealBox } from '../../src/secure-aggregation/seal-box.ts';
import { seedShares } from '../../src/secure-aggregation/seed-shares.ts';
import { x25519 } from '../../src/secure-aggregation/x25519.ts';
import { createTestPki } from '../coordinator/support/test-pki.ts';
import { memoryRoundChannel } from './support/memory-round-channel.ts';
import { maskInProcess, secaggTransforms } from './support/secagg-parties.ts';

const pki = createTestPki();
const ad = (region = 'eu', round = 3): KeyAdvertisement => ({
  federation: 'intent',
  round,
  region,
  cipherPublicKey: x25519.generate().publicKey,
  maskPublicKey: x25519.generate().publicKey,
  weight: 1,
  selfSeedCommitment: new Uint8Array(32).fill(7),
});
const idOf = (region: string) => ({ key: pki.regions[region]!.key, cert: pki.regions[region]!.cert });
const trust = { ca: pki.ca.certPem, revocation: pki.revocation.current() };

describe('key advertisements are bound to the sender’s federation certificate', () => {
  it('verifies an advertisement signed by the certificate of the region that sent it', () => {
    const a = ad();
    expect(openKeyAdvertisement(signKeyAdvertisement(a, idOf('eu')), { federation: 'intent', round: 3, from: 'eu', trust })).toEqual(a);
  });

  it('refuses a key swapped by the relay, a replay into another round or from another sender, and foreign or revoked certificates', () => {
    const body = signKeyAdvertisement(ad(), idOf('eu'));
    const wire = JSON.parse(Buffer.from(body).toString()) as Record<string, unknown>;
    const swapped = Buffer.from(JSON.stringify({ ...wire, maskPublicKey: Buffer.from(x25519.generate().publicKey).toString('base64') }));
    expect(() => openKeyAdvertisement(swapped, { federation: 'intent', round: 3, from: 'eu', trust })).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED', evidence: expect.objectContaining({ reason: 'bad_signature' }) }));
    expect(() => openKeyAdvertisement(body, { federation: 'intent', round: 4, from: 'eu', trust })).toThrow(expect.objectContaining({ evidence: expect.objectContaining({ reason: 'advertisement_mismatch' }) }));
    expect(() => openKeyAdvertisement(body, { federation: 'intent', round: 3, from: 'me', trust })).toThrow(expect.objectContaining({ evidence: expect.objectContaining({ reason: 'advertisement_mismatch' }) }));
    // me signs keys claiming to be eu's: its certificate names another region.
    const impostor = signKeyAdvertisement(ad('eu'), idOf('me'));
    expect(() => openKeyAdvertisement(impostor, { federation: 'intent', round: 3, from: 'eu', trust })).toThrow(expect.objectContaining({ code: 'FORBIDDEN', evidence: expect.objectContaining({ reason: 'region_mismatch' }) }));
    // A certificate from another CA (e.g. one the coordinator minted) proves nothing.
    const rogue = createCertificateAuthority({ name: 'rogue', validDays: 1, keyBits: 2048 });
    const forged = pki.enroll('eu', 'region', rogue);
    expect(() => openKeyAdvertisement(signKeyAdvertisement(ad(), { key: forged.key, cert: forged.cert }), { federation: 'intent', round: 3, from: 'eu', trust })).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED' }),
    );
    const revoked = pki.enroll('sea', 'region');
    pki.revoke(revoked.serial);
    expect(() =>
      openKeyAdvertisement(signKeyAdvertisement(ad('sea'), { key: revoked.key, cert: revoked.cert }), { federation: 'intent', round: 3, from: 'sea', trust: { ca: pki.ca.certPem, revocation: pki.revocation.current() } }),
    ).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED', evidence: expect.objectContaining({ reason: 'revoked' }) }));
  });

  it('makes every party fail closed when the relay swaps one party’s keys (no man in the middle)', async () => {
    const parties = ['eu', 'me', 'sea'];
    const channelOf = memoryRoundChannel(parties);
    // The relay replaces me's advertisement with its own keys, re-using me's certificate and signature.
    const relay = (viewer: string) => {
      const inner = channelOf(viewer);
      return {
        ...inner,
        post: async (topic: string, body: Uint8Array, to?: string) => {
          if (topic === SECAGG_TOPICS.keys && viewer === 'me') {
            const wire = JSON.parse(Buffer.from(body).toString()) as Record<string, unknown>;
            body = Buffer.from(JSON.stringify({ ...wire, maskPublicKey: Buffer.from(x25519.generate().publicKey).toString('base64') }));
          }
          return inner.post(topic, body, to);
        },
      };
    };
    const delta = { w: Float32Array.of(1, 2) };
    await expect(maskInProcess(secaggTransforms(pki, { keyWaitMs: 2_000 }), Object.fromEntries(parties.map((p) => [p, { delta, numExamples: 1 }])), relay)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      evidence: { reason: 'bad_signature', from: 'me' },
    });
  });
});

describe('seed shares and sealed boxes', () => {
  it('reconstructs a seed from any threshold of shares and refuses fewer or duplicated ones', async () => {
    const seed = new Uint8Array(32).map((_, i) => i);
    const shares = await seedShares.split(seed, 3, 2);
    expect(await seedShares.combine([shares[0]!, shares[2]!], 2)).toEqual(seed);
    expect(await seedShares.combine([shares[1]!, shares[2]!, shares[0]!], 2)).toEqual(seed);
    await expect(seedShares.combine([shares[1]!], 2)).rejects.toMatchObject({ evidence: { reason: 'too_few_shares' } });
    await expect(seedShares.combine([shares[1]!, shares[1]!], 2)).rejects.toMatchObject({ evidence: { reason: 'duplicate_share' } });
    await expect(seedShares.split(seed, 3, 1)).rejects.toMatchObject({ evidence: { reason: 'bad_threshold' } });
  });

  it('binds an encrypted share to its round, sender and recipient: a relayed copy opens nowhere else', () => {
    const a = x25519.generate();
    const b = x25519.generate();
    const secret = x25519.agree(a.privateKey, b.publicKey);
    const label = secaggMessages.sharesLabel('intent', 1, 'eu', 'me');
    const sealed = sealBox.seal(secret, label, new Uint8Array(66).fill(1));
    expect(sealBox.open(x25519.agree(b.privateKey, a.publicKey), label, sealed)).toEqual(new Uint8Array(66).fill(1));
    expect(() => sealBox.open(secret, secaggMessages.sharesLabel('intent', 2, 'eu', 'me'), sealed)).toThrow(expect.objectContaining({ evidence: { reason: 'bad_ciphertext' } }));
    expect(() => sealBox.open(secret, secaggMessages.sharesLabel('intent', 1, 'eu', 'sea'), sealed)).toThrow(expect.objectContaining({ evidence: { reason: 'bad_ciphertext' } }));
    const flipped = sealed.slice();
    flipped[20]! ^= 1;
    expect(() => sealBox.open(secret, label, flipped)).toThrow(expect.objectContaining({ evidence: { reason: 'bad_ciphertext' } }));
  });

  it('refuses a small-order X25519 public key (a relay could otherwise force a known mask)', () => {
    expect(() => x25519.agree(x25519.generate().privateKey, new Uint8Array(32))).toThrow(expect.objectContaining({ evidence: { reason: 'bad_public_key' } }));
  });
});
