import { createHash } from 'node:crypto';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { Weights } from '../model/weights.ts';
import type { Aggregator } from '../round/aggregator.ts';
import type { UpdateEnvelope } from '../round/update-envelope.ts';
import type { Strategy } from '../strategy/strategy.ts';
import { createFixedPointCodec } from './fixed-point-codec.ts';
import { openKeyAdvertisement, type KeyAdvertisement } from './key-advertisement.ts';
import { readChannelUntil } from './read-channel-until.ts';
import { secaggAnnotations, type SecaggAnnotations } from './secagg-annotations.ts';
import { SECAGG_ENCODING } from './secagg-encoding.ts';
import { secaggMessages, type UnmaskingShares } from './secagg-messages.ts';
import { secaggThreshold } from './secagg-threshold.ts';
import { SECAGG_TOPICS } from './secagg-topics.ts';
import type { SecaggWeighting } from './secagg-weighting.ts';
import { sealBox } from './seal-box.ts';
import { seedShares } from './seed-shares.ts';
import { tensorLayout } from './tensor-layout.ts';
import { unmaskSum } from './unmask-sum.ts';
import { x25519 } from './x25519.ts';

export interface SecureAggregatorOptions {
  /** Default `uniform`; must match the participants' transform and what the strategy's weighting would be. */
  weighting?: SecaggWeighting;
  /** Default 16; must match the participants' transform. */
  clip?: number;
  /** Default ⌊n/2⌋ + 1 of the n invited parties; must match the participants'. */
  threshold?: number;
  /** How long to wait for the survivors' unmasking shares (default 60 s). */
  unmaskWaitMs?: number;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The server half of secure aggregation: it validates masked updates on
 * arrival (form only: masked values look uniform, so their content cannot be
 * checked), and after the fit phase it
 *
 * 1. checks that every accepted update was masked against the same party set
 *    U2 and weight total (otherwise the masks cannot cancel: `CONFLICT`);
 * 2. announces the survivors U3 with a fresh X25519 key (`secagg/survivors`)
 *    and collects their encrypted unmasking shares (`secagg/unmask`);
 * 3. reconstructs each survivor's self-mask seed (checked against its signed
 *    commitment) and each dropped party's mask key (checked against its
 *    advertised public key), sums the masked vectors in Z_2^32 and removes
 *    the self masks and the dropped parties' pairwise masks;
 * 4. decodes the weighted mean of the survivors' deltas and hands it to the
 *    strategy as one pre-averaged FitResult (region `secure-aggregate`), so
 *    FedAvg/FedProx/FedAdam apply their server step unchanged.
 *
 * It never sees an individual update unmasked.
 *
 * @example
 * const strategy = createFedAvg({ schedule });
 * await startCoordinator({ ...options, strategy, aggregator: createSecureAggregator(strategy) });
 */
export function createSecureAggregator(strategy: Strategy, options: SecureAggregatorOptions = {}): Aggregator {
  const weighting = options.weighting ?? 'uniform';
  const codec = createFixedPointCodec({ clip: options.clip ?? 16 });
  const unmaskWaitMs = options.unmaskWaitMs ?? 60_000;

  const validate = (update: UpdateEnvelope, global: Weights): SecaggAnnotations => {
    if (update.encoding !== SECAGG_ENCODING) {
      throw new MeridianError('BAD_INPUT', `this coordinator aggregates ${SECAGG_ENCODING} updates only`, { reason: 'unknown_encoding', encoding: update.encoding.slice(0, 64) });
    }
    if (!Number.isSafeInteger(update.numExamples) || update.numExamples < 0) throw new MeridianError('BAD_INPUT', 'numExamples must be a non-negative integer', { reason: 'bad_example_count' });
    const extra = Object.keys(update.tensors).filter((n) => !(n in global));
    if (extra.length > 0) throw new MeridianError('BAD_INPUT', 'update has tensors the model does not', { reason: 'unknown_tensor', tensors: extra.slice(0, 8).map((n) => n.slice(0, 64)) });
    for (const [name, g] of Object.entries(global)) {
      const bytes = update.tensors[name];
      if (bytes === undefined || bytes.length !== g.length * 4) {
        throw new MeridianError('BAD_INPUT', `tensor ${name} does not match the global model`, { reason: 'tensor_shape', tensor: name, expectedBytes: g.length * 4, foundBytes: bytes?.length ?? null });
      }
    }
    const a = secaggAnnotations.read(update);
    if (a.fractionBits !== codec.fractionBits) throw new MeridianError('BAD_INPUT', 'update encoded with another fixed-point format', { reason: 'fraction_bits_mismatch', expected: codec.fractionBits, found: a.fractionBits });
    if (a.weighting !== weighting) throw new MeridianError('BAD_INPUT', `updates must be weighted ${weighting}`, { reason: 'weighting_mismatch', expected: weighting, found: a.weighting });
    const expectedWeight = weighting === 'examples' ? update.numExamples : 1;
    if (a.weight !== expectedWeight) throw new MeridianError('BAD_INPUT', 'update weight does not match its weighting', { reason: 'weight_mismatch', expected: expectedWeight, found: a.weight });
    return a;
  };

  return {
    name: `secagg:${strategy.name}`,
    validate(update, global) {
      validate(update, global);
    },

    async aggregate(input): Promise<Weights> {
      const { federation, round, global, updates, channel, signal } = input;
      if (updates.length === 0) return strategy.aggregate(round, global, [], input.failures);
      const annotations = updates.map((u) => validate(u, global));
      const first = annotations[0] as SecaggAnnotations;
      const parties = first.parties;
      const survivors = updates.map((u) => u.region).sort();
      for (const [i, a] of annotations.entries()) {
        if (a.parties.join(',') !== parties.join(',') || a.totalWeight !== first.totalWeight) {
          // Parties saw different key exchanges (a race at the key deadline, or tampering): the masks cannot cancel.
          throw new MeridianError('CONFLICT', 'masked updates disagree on the party set', { reason: 'inconsistent_mask_set', region: (updates[i] as UpdateEnvelope).region, expected: parties, found: a.parties });
        }
      }
      const unknown = survivors.filter((s) => !parties.includes(s));
      if (unknown.length > 0) throw new MeridianError('CONFLICT', 'an update comes from outside its own mask set', { reason: 'inconsistent_mask_set', regions: unknown });
      const dropped = parties.filter((p) => !survivors.includes(p));
      const invited = new Set([...updates.map((u) => u.region), ...input.failures]).size;
      const threshold = options.threshold ?? secaggThreshold(invited);
      if (survivors.length < threshold) throw new MeridianError('UNAVAILABLE', 'too few survivors to unmask', { reason: 'too_few_survivors', survivors, threshold });

      // The parties' advertised keys, as relayed (the coordinator trusts its own relay).
      const ads = new Map<string, KeyAdvertisement>();
      await readChannelUntil(channel, SECAGG_TOPICS.keys, Date.now(), signal, (m) => {
        if (parties.includes(m.from) && !ads.has(m.from)) {
          try {
            ads.set(m.from, openKeyAdvertisement(m.body, { federation, round, from: m.from }));
          } catch {
            // A malformed advertisement was refused by the parties as well; that party is then not in anyone's mask set.
          }
        }
        return ads.size === parties.length;
      });
      const missing = parties.filter((p) => !ads.has(p));
      if (missing.length > 0) throw new MeridianError('CONFLICT', 'the channel lacks key advertisements of masked parties', { reason: 'missing_advertisement', regions: missing });
      const adOf = (p: string) => ads.get(p) as KeyAdvertisement;
      if (parties.reduce((n, p) => n + adOf(p).weight, 0) !== first.totalWeight) throw new MeridianError('CONFLICT', 'weight total does not match the advertised weights', { reason: 'weight_mismatch' });
      for (const [i, u] of updates.entries()) {
        if ((annotations[i] as SecaggAnnotations).weight !== adOf(u.region).weight) throw new MeridianError('CONFLICT', 'update weight differs from the advertised one', { reason: 'weight_mismatch', region: u.region });
      }

      // Round 3: announce the survivors and collect the unmasking shares.
      const ephemeral = x25519.generate();
      await channel.post(SECAGG_TOPICS.survivors, secaggMessages.encodeSurvivors({ survivors, key: ephemeral.publicKey }));
      const answers = new Map<string, UnmaskingShares>();
      await readChannelUntil(channel, SECAGG_TOPICS.unmask, Date.now() + unmaskWaitMs, signal, (m) => {
        if (!survivors.includes(m.from) || answers.has(m.from)) return false;
        try {
          const secret = x25519.agree(ephemeral.privateKey, adOf(m.from).cipherPublicKey);
          answers.set(m.from, secaggMessages.decodeUnmasking(sealBox.open(secret, secaggMessages.unmaskLabel(federation, round, m.from), m.body)));
        } catch {
          // An unreadable answer counts as no answer; the threshold decides.
        }
        return answers.size === survivors.length;
      });
      if (answers.size < threshold) throw new MeridianError('UNAVAILABLE', 'too few survivors sent unmasking shares', { reason: 'too_few_unmasking_shares', answered: [...answers.keys()].sort(), threshold });

      const sharesOf = (kind: 'selfSeeds' | 'maskKeys', party: string) => [...answers.values()].flatMap((a) => (a[kind][party] ? [a[kind][party] as Uint8Array] : []));
      const selfSeeds: { region: string; seed: Uint8Array }[] = [];
      for (const s of survivors) {
        const seed = await seedShares.combine(sharesOf('selfSeeds', s), threshold);
        if (!Buffer.from(createHash('sha256').update(seed).digest()).equals(Buffer.from(adOf(s).selfSeedCommitment))) {
          throw new MeridianError('CONFLICT', `the shares of ${s}'s self-mask seed do not match its commitment`, { reason: 'bad_share', region: s });
        }
        selfSeeds.push({ region: s, seed });
      }
      const droppedPairs: { survivor: string; dropped: string; secret: Uint8Array }[] = [];
      for (const d of dropped) {
        const maskKey = await seedShares.combine(sharesOf('maskKeys', d), threshold);
        if (!Buffer.from(x25519.publicKeyOf(maskKey)).equals(Buffer.from(adOf(d).maskPublicKey))) {
          throw new MeridianError('CONFLICT', `the shares of ${d}'s mask key do not match its public key`, { reason: 'bad_share', region: d });
        }
        for (const s of survivors) droppedPairs.push({ survivor: s, dropped: d, secret: x25519.agree(maskKey, adOf(s).maskPublicKey) });
      }

      const layout = tensorLayout(Object.fromEntries(Object.entries(global).map(([n, t]) => [n, t.length])));
      const masked = updates.map((u) => wordsOf(u, layout));
      const sum = unmaskSum({ federation, round, masked, selfSeeds, droppedPairs });
      const contributorsWeight = survivors.reduce((n, s) => n + adOf(s).weight, 0);
      if (contributorsWeight < 1) throw new MeridianError('UNAVAILABLE', 'the survivors hold no weight', { reason: 'no_weight' });
      const mean = codec.decode(sum, first.totalWeight, contributorsWeight);
      const delta: Weights = {};
      for (const name of layout.names) {
        const offset = layout.offsets[name] as number;
        delta[name] = mean.slice(offset, offset + (layout.lengths[name] as number));
      }
      const numExamples = updates.reduce((n, u) => n + u.numExamples, 0);
      return strategy.aggregate(round, global, [{ region: 'secure-aggregate', numExamples, delta, metrics: {} }], input.failures);
    },
  };
}

/** An update's tensors as one native-order u32 vector in layout order. */
function wordsOf(update: UpdateEnvelope, layout: ReturnType<typeof tensorLayout>): Uint32Array {
  const out = new Uint32Array(layout.length);
  const bytes = new Uint8Array(out.buffer);
  for (const name of layout.names) {
    const src = update.tensors[name] as Uint8Array;
    const offset = (layout.offsets[name] as number) * 4;
    if (LITTLE_ENDIAN) bytes.set(src, offset);
    else {
      const view = new DataView(src.buffer, src.byteOffset, src.byteLength);
      for (let i = 0; i < src.length / 4; i++) out[offset / 4 + i] = view.getUint32(i * 4, true);
    }
  }
  return out;
}
