import { createRoundChannelStore } from '../../../src/coordinator/round-channel-store.ts';
import type { RoundChannel } from '../../../src/round/round-channel.ts';

/**
 * One round's channel in memory, with the coordinator's own store (same
 * visibility rules and limits) and long-poll semantics: for in-process tests
 * of the protocol without TLS. `tap` sees every post, as the relay would.
 */
export function memoryRoundChannel(parties: readonly string[], tap?: (from: string, topic: string, body: Uint8Array, to: string | null) => void): (viewer: string) => RoundChannel {
  const store = createRoundChannelStore(parties);
  const waiters = new Set<() => void>();
  return (viewer) => ({
    async post(topic, body, to) {
      tap?.(viewer, topic, body, to ?? null);
      store.post(viewer, topic, body, to ?? null);
      for (const w of [...waiters]) w();
    },
    async read(topic, opts = {}) {
      const until = Date.now() + (opts.waitMs ?? 0);
      for (;;) {
        const found = store.visible(viewer, topic, opts.after ?? 0);
        if (found.length > 0 || Date.now() >= until) return found;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, until - Date.now());
          function done() {
            clearTimeout(timer);
            waiters.delete(done);
            resolve();
          }
          waiters.add(done);
        });
      }
    },
  });
}
