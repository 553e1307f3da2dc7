import { z } from 'zod';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';

const B64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/).max(1024);
const REGION = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/);
const survivorsSchema = z.object({ v: z.literal(1), survivors: z.array(REGION).min(1).max(255), key: B64 });
const unmaskSchema = z.object({ v: z.literal(1), selfSeeds: z.record(REGION, B64), maskKeys: z.record(REGION, B64) });

/** The coordinator's announcement after the masked uploads (Bonawitz round 3's U3). */
export interface SurvivorsAnnouncement {
  /** Regions whose masked update is in the sum, sorted. */
  survivors: string[];
  /** A fresh X25519 key of the coordinator: survivors encrypt their unmasking shares to it. */
  key: Uint8Array;
}

/**
 * One survivor's answer: its share of each survivor's self-mask seed and of
 * each dropped party's mask key, never both for the same party.
 */
export interface UnmaskingShares {
  selfSeeds: Record<string, Uint8Array>;
  maskKeys: Record<string, Uint8Array>;
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
const parse = <T>(schema: z.ZodType<T>, body: Uint8Array, what: string): T => {
  try {
    return schema.parse(JSON.parse(Buffer.from(body).toString('utf8')));
  } catch (error) {
    throw new MeridianError('BAD_INPUT', `malformed ${what}`, { reason: 'bad_message', message: what }, { cause: error });
  }
};

/**
 * The bodies of secure aggregation's channel messages and the labels that
 * bind their encryption to a round, topic and pair of parties.
 *
 * @example
 * const label = secaggMessages.sharesLabel('intent', 3, 'eu', 'me');
 * await channel.post(SECAGG_TOPICS.shares, sealBox.seal(secret, label, secaggMessages.encodeShares(s, b)), 'me');
 */
export const secaggMessages = Object.freeze({
  sharesLabel: (federation: string, round: number, from: string, to: string) => `meridian/secagg/v1|${federation}|${round}|shares|${from}|${to}`,
  unmaskLabel: (federation: string, round: number, from: string) => `meridian/secagg/v1|${federation}|${round}|unmask|${from}`,

  /** A pair of Shamir shares (of the mask key and of the self-mask seed), equal lengths, back to back. */
  encodeShares(maskKeyShare: Uint8Array, selfSeedShare: Uint8Array): Uint8Array {
    if (maskKeyShare.length !== selfSeedShare.length) throw new MeridianError('INTERNAL', 'share lengths differ', { a: maskKeyShare.length, b: selfSeedShare.length });
    const out = new Uint8Array(maskKeyShare.length * 2);
    out.set(maskKeyShare, 0);
    out.set(selfSeedShare, maskKeyShare.length);
    return out;
  },
  decodeShares(body: Uint8Array): { maskKeyShare: Uint8Array; selfSeedShare: Uint8Array } {
    if (body.length !== 66) throw new MeridianError('BAD_INPUT', 'a shares message holds two 33-byte shares', { reason: 'bad_message', bytes: body.length });
    return { maskKeyShare: body.slice(0, 33), selfSeedShare: body.slice(33) };
  },

  encodeSurvivors(a: SurvivorsAnnouncement): Uint8Array {
    return new Uint8Array(Buffer.from(JSON.stringify({ v: 1, survivors: a.survivors, key: b64(a.key) })));
  },
  decodeSurvivors(body: Uint8Array): SurvivorsAnnouncement {
    const w = parse(survivorsSchema, body, 'survivors announcement');
    return { survivors: w.survivors, key: bytes(w.key) };
  },

  encodeUnmasking(u: UnmaskingShares): Uint8Array {
    const map = (r: Record<string, Uint8Array>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, b64(v)]));
    return new Uint8Array(Buffer.from(JSON.stringify({ v: 1, selfSeeds: map(u.selfSeeds), maskKeys: map(u.maskKeys) })));
  },
  decodeUnmasking(body: Uint8Array): UnmaskingShares {
    const w = parse(unmaskSchema, body, 'unmasking shares');
    const map = (r: Record<string, string>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, bytes(v)]));
    return { selfSeeds: map(w.selfSeeds), maskKeys: map(w.maskKeys) };
  },
});
