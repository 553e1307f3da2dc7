import { createHash, randomBytes } from 'node:crypto';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { isNodeRole, isRegionId, type NodeRole } from '@meridian/core/pki/index.ts';

/** What an enrollment token entitles its holder to: one certificate for this region and role. */
export interface EnrollmentGrant {
  region: string;
  role: NodeRole;
}

export interface EnrollmentTokenStore {
  /** Creates a one-time token for `grant`, valid for `ttlMs`. Hand it to the node's operator out of band. */
  issue(grant: EnrollmentGrant, ttlMs: number): string;
  /** Spends a token: returns its grant once, then never again; undefined when unknown, spent or expired. */
  consume(token: string): EnrollmentGrant | undefined;
}

/**
 * An in-memory store of one-time enrollment tokens. Tokens are 256-bit
 * random values; only their SHA-256 is kept, so a dump of the store cannot
 * enroll anyone. Suitable for the local launcher; a coordinator that must
 * survive restarts backs the same interface with its database.
 *
 * @example
 * const tokens = createEnrollmentTokenStore();
 * const token = tokens.issue({ region: 'eu', role: 'region' }, 15 * 60_000);
 */
export function createEnrollmentTokenStore(options: { now?: () => number } = {}): EnrollmentTokenStore {
  const now = options.now ?? Date.now;
  const grants = new Map<string, EnrollmentGrant & { expiresAt: number }>();
  const digest = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
  return {
    issue(grant, ttlMs) {
      if (!isRegionId(grant.region) || !isNodeRole(grant.role) || !(ttlMs > 0)) {
        throw new MeridianError('BAD_INPUT', 'an enrollment grant needs a region id, a node role and a positive lifetime', { field: 'grant' });
      }
      const token = randomBytes(32).toString('base64url');
      grants.set(digest(token), { region: grant.region, role: grant.role, expiresAt: now() + ttlMs });
      return token;
    },
    consume(token) {
      const key = digest(token);
      const grant = grants.get(key);
      // Lookup by hash of a 256-bit secret: no timing oracle worth a constant-time compare.
      grants.delete(key);
      if (grant === undefined || grant.expiresAt < now()) return undefined;
      return { region: grant.region, role: grant.role };
    },
  };
}
