import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { ChannelMessage, RoundChannel } from '../round/round-channel.ts';

/** Longest single channel read: below the coordinator's 25 s cap on held requests. */
const CHUNK_MS = 20_000;

/**
 * Reads `topic` and hands each new message to `take` until `take` says it
 * has everything (returns true) or `deadline` (epoch ms) passes; returns
 * whether it completed. Bounded: at most one held read per 20 s until the
 * deadline. An aborted `signal` ends it with the abort reason.
 *
 * @example
 * const complete = await readChannelUntil(channel, SECAGG_TOPICS.keys, Date.now() + 60_000, signal, (m) => { seen.add(m.from); return seen.size === n; });
 */
export async function readChannelUntil(channel: RoundChannel, topic: string, deadline: number, signal: AbortSignal, take: (message: ChannelMessage) => boolean): Promise<boolean> {
  let after = 0;
  for (let reads = 0; reads < 100_000; reads++) {
    signal.throwIfAborted();
    const waitMs = Math.max(0, Math.min(CHUNK_MS, deadline - Date.now()));
    const messages = await channel.read(topic, { after, waitMs });
    for (const m of messages) {
      after = Math.max(after, m.seq);
      if (take(m)) return true;
    }
    if (Date.now() >= deadline) return false;
  }
  throw new MeridianError('INTERNAL', 'channel read loop did not terminate', { topic });
}
