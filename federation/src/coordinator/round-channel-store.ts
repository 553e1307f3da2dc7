import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { ChannelMessage } from '../round/round-channel.ts';

/** Limits that keep one round's channel from becoming a storage service. */
export const CHANNEL_LIMITS = Object.freeze({ messages: 10_000, messageBytes: 1 << 20, totalBytes: 64 << 20 });

const TOPIC = /^[A-Za-z0-9_./:-]{1,64}$/;

/** The messages of one round's channel, in memory: they die with the round. */
export interface RoundChannelStore {
  post(from: string, topic: string, body: Uint8Array, to: string | null): ChannelMessage;
  /** Messages on `topic` after `after` that `viewer` may see (`coordinator` sees all). */
  visible(viewer: string, topic: string, after: number): ChannelMessage[];
}

/**
 * The coordinator's side of a `RoundChannel`: it relays opaque bodies between
 * the round's parties and only checks who may send to whom, within
 * `CHANNEL_LIMITS`. Pure bookkeeping: waiting and notification are the
 * coordinator's.
 *
 * @example
 * const store = createRoundChannelStore(['eu', 'me', 'sea']);
 * store.post('eu', 'secagg/keys', key, null);
 */
export function createRoundChannelStore(parties: readonly string[]): RoundChannelStore {
  const messages: ChannelMessage[] = [];
  let bytes = 0;
  const allowed = new Set([...parties, 'coordinator']);
  return {
    post(from, topic, body, to) {
      if (!allowed.has(from)) throw new MeridianError('FORBIDDEN', `${from} is not a party of this round`, { reason: 'not_invited', region: from });
      if (to !== null && !allowed.has(to)) throw new MeridianError('BAD_INPUT', 'messages go to parties of the round only', { reason: 'unknown_recipient' });
      if (!TOPIC.test(topic)) throw new MeridianError('BAD_INPUT', 'a topic is 1-64 characters of [A-Za-z0-9_./:-]', { reason: 'bad_topic' });
      if (body.length > CHANNEL_LIMITS.messageBytes) throw new MeridianError('BAD_INPUT', 'channel message too large', { reason: 'message_too_large', bytes: body.length, limit: CHANNEL_LIMITS.messageBytes });
      if (messages.length >= CHANNEL_LIMITS.messages || bytes + body.length > CHANNEL_LIMITS.totalBytes) {
        throw new MeridianError('RATE_LIMITED', 'the round channel is full', { reason: 'channel_full', messages: messages.length, bytes });
      }
      const message: ChannelMessage = { seq: messages.length + 1, topic, from, to, body: body.slice() };
      messages.push(message);
      bytes += body.length;
      return message;
    },
    visible(viewer, topic, after) {
      return messages.filter((m) => m.seq > after && m.topic === topic && (viewer === 'coordinator' || m.to === null || m.to === viewer));
    },
  };
}
