import type { Kysely } from 'kysely';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { REGIONS } from '@meridian/core/policy/region-profile.ts';
import type { ConsoleAuth } from './console-auth.ts';
import type { ConsoleDatabase } from './console-schema.ts';
import { ROLES, type Grant } from './roles.ts';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  grants: readonly Grant[];
}

/**
 * Creates a console user with a password (scrypt, through better-auth) and
 * their region-scoped role grants, or, when the e-mail exists, resets the
 * password and replaces the grants. One transaction for the grants.
 *
 * @example
 * await upsertUser(auth, db, { email: 'dpo.eu@demo.meridian', name: 'EU DPO', password: '…', grants: [{ role: 'dpo', region: 'eu' }] });
 */
export async function upsertUser(auth: ConsoleAuth, db: Kysely<ConsoleDatabase>, user: NewUser): Promise<string> {
  for (const g of user.grants) {
    if (!ROLES.includes(g.role) || !REGIONS.includes(g.region)) throw new MeridianError('BAD_INPUT', 'unknown role or region', { role: g.role, region: g.region });
  }
  if (user.password.length < 12) throw new MeridianError('BAD_INPUT', 'passwords have at least 12 characters');
  const ctx = await auth.$context;
  const email = user.email.toLowerCase();
  const hash = await ctx.password.hash(user.password);
  const existing = await ctx.internalAdapter.findUserByEmail(email);
  let userId: string;
  if (existing) {
    userId = existing.user.id;
    await ctx.internalAdapter.updatePassword(userId, hash);
  } else {
    const created = await ctx.internalAdapter.createUser({ email, name: user.name, emailVerified: true }, { method: 'admin' });
    userId = created.id;
    await ctx.internalAdapter.linkAccount({ userId, providerId: 'credential', accountId: userId, password: hash });
  }
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('console_grants').where('user_id', '=', userId).execute();
    if (user.grants.length) await trx.insertInto('console_grants').values(user.grants.map((g) => ({ user_id: userId, role: g.role, region: g.region }))).execute();
  });
  return userId;
}

/**
 * The region-scoped roles of a user.
 *
 * @example
 * const grants = await grantsOf(db, session.userId); // [{ role: 'dpo', region: 'eu' }]
 */
export async function grantsOf(db: Kysely<ConsoleDatabase>, userId: string): Promise<Grant[]> {
  const rows = await db.selectFrom('console_grants').select(['role', 'region']).where('user_id', '=', userId).orderBy('region').orderBy('role').execute();
  return rows as Grant[];
}

/**
 * Ends every session of a user at once (an administrator's revocation).
 *
 * @example
 * await revokeSessions(db, userId);
 */
export async function revokeSessions(db: Kysely<ConsoleDatabase>, userId: string): Promise<number> {
  const r = await db.deleteFrom('session').where('userId', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * Adds one region-scoped role to a user (idempotent).
 *
 * @example
 * await addGrant(db, userId, { role: 'auditor', region: 'me' });
 */
export async function addGrant(db: Kysely<ConsoleDatabase>, userId: string, grant: Grant): Promise<void> {
  await db.insertInto('console_grants').values({ user_id: userId, role: grant.role, region: grant.region }).onConflict((oc) => oc.doNothing()).execute();
}

/**
 * Removes one region-scoped role from a user, and ends their sessions so the
 * change applies at once.
 *
 * @example
 * await removeGrant(db, userId, { role: 'dpo', region: 'eu' });
 */
export async function removeGrant(db: Kysely<ConsoleDatabase>, userId: string, grant: Grant): Promise<void> {
  await db.deleteFrom('console_grants').where('user_id', '=', userId).where('role', '=', grant.role).where('region', '=', grant.region).execute();
  await revokeSessions(db, userId);
}

/**
 * Users holding a role in any of `regions`, with those grants and their live session count.
 *
 * @example
 * const users = await usersIn(db, ['eu']);
 */
export async function usersIn(db: Kysely<ConsoleDatabase>, regions: readonly string[]) {
  if (regions.length === 0) return [];
  const rows = await db
    .selectFrom('user')
    .innerJoin('console_grants', 'console_grants.user_id', 'user.id')
    .select(['user.id', 'user.email', 'user.name', 'console_grants.role', 'console_grants.region'])
    .where('console_grants.region', 'in', [...regions])
    .orderBy('user.email')
    .execute();
  const sessions = await db.selectFrom('session').select(['userId', (eb) => eb.fn.countAll<string>().as('n')]).where('expiresAt', '>', new Date()).groupBy('userId').execute();
  const live = new Map(sessions.map((s) => [s.userId, Number(s.n)]));
  const users = new Map<string, { id: string; email: string; name: string; grants: Grant[]; sessions: number }>();
  for (const r of rows) {
    const u = users.get(r.id) ?? { id: r.id, email: r.email, name: r.name, grants: [], sessions: live.get(r.id) ?? 0 };
    u.grants.push({ role: r.role as Grant['role'], region: r.region as Grant['region'] });
    users.set(r.id, u);
  }
  return [...users.values()];
}
