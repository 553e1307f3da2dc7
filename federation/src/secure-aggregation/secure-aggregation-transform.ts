import { createHash, randomBytes } from 'node:crypto';
import { MeridianError, isMeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { VerifiedRevocationList } from '@meridian/core/pki/revocation-list.ts';
import { FLOAT32_ENCODING } from '../round/float32-encoding.ts';
import { float32TensorsOf } from '../round/float32-tensors-of.ts';
import type { TransformContext, UpdateTransform } from '../round/update-transform.ts';
import type { UpdateEnvelope } from '../round/update-envelope.ts';
import { createFixedPointCodec } from './fixed-point-codec.ts';
import { openKeyAdvertisement, signKeyAdvertisement, type KeyAdvertisement, type SigningIdentity } from './key-advertisement.ts';
import { maskVector } from './mask-vector.ts';
import { readChannelUntil } from './read-channel-until.ts';
import { SECAGG_ENCODING } from './secagg-encoding.ts';
import { secaggAnnotations } from './secagg-annotations.ts';
import { secaggMessages } from './secagg-messages.ts';
import { SECAGG_TOPICS } from './secagg-topics.ts';
import type { SecaggWeighting } from './secagg-weighting.ts';
import { sealBox } from './seal-box.ts';
import { secaggThreshold } from './secagg-threshold.ts';
import { seedShares } from './seed-shares.ts';
import { tensorLayout } from './tensor-layout.ts';
import { x25519 } from './x25519.ts';

export interface SecureAggregationTransformOptions {
  /** This node's federation certificate and its private key: they sign the key advertisement. */
  identity: SigningIdentity;
  /** The federation CA (PEM): peers' advertisements must carry a certificate it issued. */
  ca: string;
  /** The current revocation list (e.g. `revocationStore.current`); a revoked peer's keys are refused. */
  revocation?: () => VerifiedRevocationList;
  /** Default `uniform` (FedAvg's default); must match the coordinator's `createSecureAggregator`. */
  weighting?: SecaggWeighting;
  /** Values are clamped to ±clip before encoding (default 16); must match the coordinator's. */
  clip?: number;
  /** Shares needed to reconstruct a seed; default ⌊n/2⌋ + 1 of the n invited parties (at least 2). */
  threshold?: number;
  /** How long to wait for the other parties' keys and shares (default 60 s): keep it well below the straggler timeout. */
  keyWaitMs?: number;
  /** How long `afterSend` waits for the coordinator's survivors announcement (default 10 min). */
  unmaskWaitMs?: number;
  /** Told when this node refuses to answer an unmasking request (e.g. a survivor set it was not masked with); the round then fails without its shares. */
  onRefusal?: (error: MeridianError) => void;
}

/** What a party keeps between its masked upload and the unmasking step: secrets, in memory only. */
interface RoundSecrets {
  parties: string[];
  cipherPrivateKey: Uint8Array;
  threshold: number;
  /** For each party of the mask set (this one included): the shares this party holds of its mask key and self-mask seed. */
  held: Map<string, { maskKeyShare: Uint8Array; selfSeedShare: Uint8Array }>;
}

/**
 * The client half of secure aggregation (Bonawitz et al. 2017, double
 * masking), as a step of the update pipeline. In `apply`:
 *
 * 0. generate two X25519 key pairs (c for encryption, s for masks) and a
 *    self-mask seed b; post the public keys, the weight and a commitment to
 *    b, signed with the node's certificate key (`secagg/keys`);
 * 1. verify every peer's advertisement against the federation CA; Shamir-
 *    split s's private key and b (threshold t) and send each peer its shares,
 *    AES-GCM-encrypted under the c–c agreement (`secagg/shares`);
 * 2. once the peers' shares are in (or `keyWaitMs` passed): encode the float32
 *    delta in fixed point, add PRG(b) and ±PRG(s_uv) for every peer v that
 *    sent shares, and return it as a `secagg-z32-le` update.
 *
 * In `afterSend` (round 3): read the coordinator's survivors announcement and
 * reveal, for each party of the mask set, the share of its self-mask seed if
 * it survived or of its mask key if it dropped, never both; then forget the
 * round's secrets. A party answers one announcement per round.
 *
 * @example
 * const secagg = createSecureAggregationTransform({ identity: { key: keyPem, cert: certPem }, ca: caPem, revocation: revocationStore.current });
 * await runRoundsAsParticipant({ federation: 'intent', region: 'eu', client, trainer, transforms: [secagg] });
 */
export function createSecureAggregationTransform(options: SecureAggregationTransformOptions): UpdateTransform {
  const weighting = options.weighting ?? 'uniform';
  const codec = createFixedPointCodec({ clip: options.clip ?? 16 });
  const keyWaitMs = options.keyWaitMs ?? 60_000;
  const unmaskWaitMs = options.unmaskWaitMs ?? 600_000;
  const secrets = new Map<string, RoundSecrets>();
  const keyOf = (ctx: TransformContext) => `${ctx.federation}/${ctx.round}`;

  return {
    name: 'secure-aggregation',

    async apply(update, ctx) {
      try {
        return await maskUpdate(update, ctx);
      } catch (error) {
        if (isMeridianError(error) || ctx.signal.aborted) throw error;
        // A channel answer such as 409 (the round closed while keys were exchanged) must not end the
        // participant loop: as a MeridianError it is reported as this node's failure for the round.
        throw new MeridianError('UNAVAILABLE', 'secure aggregation key exchange failed', { reason: 'channel_error' }, { cause: error });
      }
    },

    async afterSend(ctx) {
      return unmask(ctx);
    },
  };

  async function maskUpdate(update: UpdateEnvelope, ctx: TransformContext): Promise<UpdateEnvelope> {
    if (update.encoding !== FLOAT32_ENCODING) throw new MeridianError('INTERNAL', 'secure aggregation masks float32 updates', { reason: 'unknown_encoding', encoding: update.encoding.slice(0, 64) });
    if (!ctx.participants.includes(ctx.region) || ctx.participants.length < 2) {
      throw new MeridianError('BAD_INPUT', 'secure aggregation needs this region and at least one other party', { reason: 'too_few_parties', parties: ctx.participants.length });
    }
    // Secrets of earlier rounds are useless now (their rounds are over): drop them.
    for (const k of secrets.keys()) if (k.startsWith(`${ctx.federation}/`) && Number(k.slice(ctx.federation.length + 1)) < ctx.round) secrets.delete(k);
    const threshold = options.threshold ?? secaggThreshold(ctx.participants.length);
    const { federation, round, region, channel, signal } = ctx;
    const weight = weighting === 'examples' ? update.numExamples : 1;

    // Round 0: advertise keys.
    const cipher = x25519.generate();
    const mask = x25519.generate();
    const selfSeed = new Uint8Array(randomBytes(32));
    const own: KeyAdvertisement = {
      federation,
      round,
      region,
      cipherPublicKey: cipher.publicKey,
      maskPublicKey: mask.publicKey,
      weight,
      selfSeedCommitment: new Uint8Array(createHash('sha256').update(selfSeed).digest()),
    };
    await channel.post(SECAGG_TOPICS.keys, signKeyAdvertisement(own, options.identity));
    const trust = { ca: options.ca, ...(options.revocation ? { revocation: options.revocation() } : {}) };
    const ads = new Map<string, KeyAdvertisement>();
    const keyDeadline = Date.now() + keyWaitMs;
    await readChannelUntil(channel, SECAGG_TOPICS.keys, keyDeadline, signal, (m) => {
      if (!ctx.participants.includes(m.from)) return false;
      const ad = m.from === region ? own : openKeyAdvertisement(m.body, { federation, round, from: m.from, trust });
      const seen = ads.get(m.from);
      // Two different key sets from one party: someone is equivocating. Fail closed rather than pick one.
      if (seen && Buffer.compare(Buffer.from(seen.maskPublicKey), Buffer.from(ad.maskPublicKey)) !== 0) {
        throw new MeridianError('CONFLICT', `two different key advertisements from ${m.from}`, { reason: 'equivocation', from: m.from });
      }
      ads.set(m.from, ad);
      return ads.size === ctx.participants.length;
    });
    const advertised = [...ads.keys()].sort();
    if (!ads.has(region) || advertised.length < threshold) {
      throw new MeridianError('UNAVAILABLE', 'too few parties advertised keys for secure aggregation', { reason: 'too_few_parties', advertised, threshold });
    }

    // Round 1: share the mask key and the self-mask seed among the advertisers.
    const maskKeyShares = await seedShares.split(mask.privateKey, advertised.length, threshold);
    const selfSeedShares = await seedShares.split(selfSeed, advertised.length, threshold);
    const held = new Map<string, { maskKeyShare: Uint8Array; selfSeedShare: Uint8Array }>();
    for (const [i, peer] of advertised.entries()) {
      const shares = { maskKeyShare: maskKeyShares[i] as Uint8Array, selfSeedShare: selfSeedShares[i] as Uint8Array };
      if (peer === region) {
        held.set(region, shares);
        continue;
      }
      const secret = x25519.agree(cipher.privateKey, (ads.get(peer) as KeyAdvertisement).cipherPublicKey);
      const body = sealBox.seal(secret, secaggMessages.sharesLabel(federation, round, region, peer), secaggMessages.encodeShares(shares.maskKeyShare, shares.selfSeedShare));
      await channel.post(SECAGG_TOPICS.shares, body, peer);
    }
    await readChannelUntil(channel, SECAGG_TOPICS.shares, Date.now() + keyWaitMs, signal, (m) => {
      const ad = ads.get(m.from);
      if (!ad || m.from === region || m.to !== region || held.has(m.from)) return false;
      const secret = x25519.agree(cipher.privateKey, ad.cipherPublicKey);
      held.set(m.from, secaggMessages.decodeShares(sealBox.open(secret, secaggMessages.sharesLabel(federation, round, m.from, region), m.body)));
      return held.size === advertised.length;
    });
    const parties = [...held.keys()].sort();
    if (parties.length < threshold) throw new MeridianError('UNAVAILABLE', 'too few parties shared their seeds', { reason: 'too_few_parties', parties, threshold });

    // Round 2: encode and mask against every party that shared.
    const totalWeight = parties.reduce((n, p) => n + (ads.get(p) as KeyAdvertisement).weight, 0);
    if (totalWeight < 1) throw new MeridianError('BAD_INPUT', 'the parties hold no weight', { reason: 'no_weight' });
    const delta = float32TensorsOf(update);
    const layout = tensorLayout(Object.fromEntries(Object.entries(delta).map(([n, t]) => [n, t.length])));
    const encoded = new Uint32Array(layout.length);
    let clamped = 0;
    for (const name of layout.names) clamped += codec.encode(delta[name] as Float32Array, weight, totalWeight, encoded, layout.offsets[name] as number);
    const pairs = parties.filter((p) => p !== region).map((peer) => ({ peer, secret: x25519.agree(mask.privateKey, (ads.get(peer) as KeyAdvertisement).maskPublicKey) }));
    const masked = maskVector({ federation, round, region, encoded, selfSeed, pairs });
    const bytes = new Uint8Array(masked.buffer);
    const tensors: Record<string, Uint8Array> = {};
    for (const name of layout.names) tensors[name] = littleEndianWords(bytes, layout.offsets[name] as number, layout.lengths[name] as number);

    secrets.set(keyOf(ctx), { parties, cipherPrivateKey: cipher.privateKey, threshold, held });
    return {
      ...update,
      encoding: SECAGG_ENCODING,
      tensors,
      annotations: { ...update.annotations, ...secaggAnnotations.write({ parties, weighting, weight, totalWeight, fractionBits: codec.fractionBits, clamped }) },
    };
  }

  async function unmask(ctx: TransformContext): Promise<void> {
    const state = secrets.get(keyOf(ctx));
    if (!state) return;
    const { federation, round, region } = ctx;
    let announcement: ReturnType<typeof secaggMessages.decodeSurvivors> | undefined;
    try {
      try {
        await readChannelUntil(ctx.channel, SECAGG_TOPICS.survivors, Date.now() + unmaskWaitMs, ctx.signal, (m) => {
          if (m.from !== 'coordinator') return false;
          try {
            announcement = secaggMessages.decodeSurvivors(m.body);
          } catch (error) {
            if (isMeridianError(error)) options.onRefusal?.(error);
          }
          // Only the first announcement counts: a second, different one would be equivocation.
          return true;
        });
      } catch (error) {
        // The round ended without an announcement (e.g. a 409 once it failed): nothing to reveal.
        if (ctx.signal.aborted) throw error;
        return;
      }
      if (!announcement) return;
      const { survivors, key } = announcement;
      // What an honest party refuses to answer (Bonawitz round 3): a survivor
      // set it was not masked with, one without it, or one too small to hide anyone.
      if (survivors.length < state.threshold || !survivors.includes(region) || survivors.some((s) => !state.parties.includes(s)) || new Set(survivors).size !== survivors.length) {
        options.onRefusal?.(new MeridianError('FORBIDDEN', 'survivors announcement refused', { reason: 'bad_survivors', survivors: survivors.slice(0, 16), threshold: state.threshold }));
        return;
      }
      const answer = { selfSeeds: {} as Record<string, Uint8Array>, maskKeys: {} as Record<string, Uint8Array> };
      for (const party of state.parties) {
        const shares = state.held.get(party);
        if (!shares) continue;
        // Exactly one of the two per party: revealing both would unmask that party's update.
        if (survivors.includes(party)) answer.selfSeeds[party] = shares.selfSeedShare;
        else answer.maskKeys[party] = shares.maskKeyShare;
      }
      const secret = x25519.agree(state.cipherPrivateKey, key);
      await ctx.channel.post(SECAGG_TOPICS.unmask, sealBox.seal(secret, secaggMessages.unmaskLabel(federation, round, region), secaggMessages.encodeUnmasking(answer)));
    } finally {
      // One answer per round, then the secrets are gone.
      secrets.delete(keyOf(ctx));
    }
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** `length` u32 words from `offset` of a native-order vector, as little-endian bytes (the wire order). */
function littleEndianWords(bytes: Uint8Array, offset: number, length: number): Uint8Array {
  const slice = bytes.slice(offset * 4, (offset + length) * 4);
  if (LITTLE_ENDIAN) return slice;
  const view = new DataView(slice.buffer);
  for (let i = 0; i < length; i++) view.setUint32(i * 4, view.getUint32(i * 4, false), true);
  return slice;
}
