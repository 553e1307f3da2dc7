import { createHash, timingSafeEqual } from 'node:crypto';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';

export interface TokenEntry {
  name: string;
  kind: 'ingest' | 'service';
  digest: Buffer;
}

const sha = (s: string) => createHash('sha256').update(s).digest();

/**
 * Parses `name:token[,name:token...]` (e.g. MERIDIAN_INGEST_TOKENS). Only digests
 * are kept, and comparison is constant-time.
 */
export function parseTokens(spec: string | undefined, kind: TokenEntry['kind'] = 'ingest'): TokenEntry[] {
  if (!spec) return [];
  return spec.split(',').filter(Boolean).map((pair) => {
    const at = pair.indexOf(':');
    if (at < 1 || pair.length - at - 1 < 16) throw new MeridianError('BAD_INPUT', 'tokens must be name:token with a token of 16+ characters');
    return { name: pair.slice(0, at), kind, digest: sha(pair.slice(at + 1)) };
  });
}

export function authenticateBearer(header: string | undefined, tokens: readonly TokenEntry[]): { kind: TokenEntry['kind']; name: string } | null {
  const m = /^Bearer (.+)$/.exec(header ?? '');
  if (!m) return null;
  const d = sha(m[1]!);
  for (const t of tokens) if (timingSafeEqual(d, t.digest)) return { kind: t.kind, name: t.name };
  return null;
}
