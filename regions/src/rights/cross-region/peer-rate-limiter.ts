import { MeridianError } from '@meridian/core/errors/meridian-error.ts';

export interface PeerRateLimiter {
  /** Takes one lookup from the region's allowance, or throws RATE_LIMITED (429). */
  take(region: string): void;
}

/**
 * A token bucket per requesting region: `burst` lookups at once, refilled at
 * `perMinute`. It bounds how fast a peer holding the federation lookup key can
 * test guessed contacts against this region (each test also goes on the
 * ledger). In memory, per process: several processes behind one address each
 * allow their own rate.
 *
 * @example
 * const limiter = peerRateLimiter({ perMinute: 60, burst: 20 });
 * limiter.take('eu'); // throws RATE_LIMITED once eu has used up its allowance
 */
export function peerRateLimiter(opts: { perMinute?: number; burst?: number; now?: () => number } = {}): PeerRateLimiter {
  const perMinute = opts.perMinute ?? 60;
  const burst = opts.burst ?? 20;
  const now = opts.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(region) {
      const t = now();
      const b = buckets.get(region) ?? { tokens: burst, at: t };
      b.tokens = Math.min(burst, b.tokens + ((t - b.at) / 60_000) * perMinute);
      b.at = t;
      buckets.set(region, b);
      if (b.tokens < 1) {
        throw new MeridianError('RATE_LIMITED', 'too many cross-region lookups from this region; try again later', {
          reason: 'peer_rate_limited',
          region,
          retryAfterSeconds: Math.ceil(((1 - b.tokens) / perMinute) * 60),
        });
      }
      b.tokens -= 1;
    },
  };
}
