import { createPublicKey, type KeyObject } from 'node:crypto';
import { MeridianError } from '../errors/meridian-error.ts';
import { consoleKeyId } from './console-key-id.ts';
import { NonceCache } from './nonce-cache.ts';

/** What a region node trusts console assertions with: the console's public keys by id, and the nonces it has seen. */
export interface ConsoleTrust {
  keys: ReadonlyMap<string, KeyObject>;
  nonces: NonceCache;
}

/**
 * A node's trust in the console from its public keys (several during a key
 * rotation).
 *
 * @example
 * const trust = consoleTrust([consolePublicKey]);
 */
export function consoleTrust(publicKeys: readonly KeyObject[]): ConsoleTrust {
  const keys = new Map<string, KeyObject>();
  for (const k of publicKeys) {
    if (k.type !== 'public') throw new MeridianError('BAD_INPUT', 'a node trusts console public keys, not private ones');
    keys.set(consoleKeyId(k), k);
  }
  return { keys, nonces: new NonceCache() };
}

/**
 * Reads `MERIDIAN_CONSOLE_PUBLIC_KEYS`: comma-separated base64 raw Ed25519
 * public keys (32 bytes each). Unset or empty: no console is trusted, and every
 * console call is refused.
 *
 * @example
 * const trust = consoleTrustFromConfig(cfg.MERIDIAN_CONSOLE_PUBLIC_KEYS); // 'u3B0…=,Qm9v…='
 */
export function consoleTrustFromConfig(value: string | undefined): ConsoleTrust {
  const items = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return consoleTrust(
    items.map((b64, i) => {
      const raw = Buffer.from(b64, 'base64');
      if (raw.length !== 32 || raw.toString('base64') !== b64) {
        throw new MeridianError('BAD_INPUT', `MERIDIAN_CONSOLE_PUBLIC_KEYS item ${i + 1} is not a base64 raw Ed25519 public key (32 bytes)`, { item: i + 1 });
      }
      return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
    }),
  );
}
