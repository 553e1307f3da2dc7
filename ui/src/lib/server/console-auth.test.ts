import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../../../test/databases.ts';
import { createLogger } from '@meridian/core/logging/create-logger.ts';
import { CLIENT_ADDRESS_HEADER, createConsoleAuth, migrateAuth, type ConsoleAuth } from './console-auth.ts';
import { migrateConsole } from './console-migrations.ts';
import { grantsOf, revokeSessions, upsertUser } from './console-users.ts';
import type { ConsoleDatabase } from './console-schema.ts';

const ORIGIN = 'https://console.test';
const PASSWORD = 'correct horse battery staple';

describe.each(DIALECTS)('console accounts on better-auth (%s)', (dialect) => {
  let t: TestDatabase;
  let db: Kysely<ConsoleDatabase>;
  let auth: ConsoleAuth;
  let userId: string;

  const signIn = (email: string, password: string, opts: { address?: string; origin?: string } = {}) =>
    auth.handler(
      new Request(`${ORIGIN}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: opts.origin ?? ORIGIN, [CLIENT_ADDRESS_HEADER]: opts.address ?? '10.0.0.1' },
        body: JSON.stringify({ email, password }),
      }),
    );
  const cookieOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const sessionOf = (cookie: string) => auth.api.getSession({ headers: new Headers({ cookie }) });

  beforeAll(async () => {
    t = await freshDatabase(dialect);
    db = t.db as unknown as Kysely<ConsoleDatabase>;
    auth = createConsoleAuth(db, { origin: ORIGIN, loginRateLimit: { window: 60, max: 3 } }, 'a'.repeat(43), createLogger({ component: 'test' }));
    await migrateAuth(auth);
    await migrateConsole(db);
    userId = await upsertUser(auth, db, { email: 'DPO@Example.test', name: 'D P O', password: PASSWORD, grants: [{ role: 'dpo', region: 'eu' }] });
  });
  afterAll(() => t?.close());

  it('stores an scrypt hash, never the password, and the grants apart', async () => {
    const row = await db.selectFrom('account' as never).select(['password' as never]).executeTakeFirstOrThrow() as { password: string };
    expect(row.password).not.toContain(PASSWORD);
    expect(row.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
    expect(await grantsOf(db, userId)).toEqual([{ role: 'dpo', region: 'eu' }]);
  });

  it('signs in with the right password and sets a __Secure-, HttpOnly, SameSite=Strict session cookie', async () => {
    const res = await signIn('dpo@example.test', PASSWORD, { address: '10.0.0.2' });
    expect(res.status).toBe(200);
    const session = res.headers.getSetCookie().find((c) => c.startsWith('__Secure-meridian.session_token='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/Secure/);
    expect(session).toMatch(/SameSite=Strict/i);
    expect((await sessionOf(cookieOf(res)))?.user.id).toBe(userId);
  });

  it('refuses a wrong password, an unknown account, sign-up, and a sign-in posted from another origin', async () => {
    expect((await signIn('dpo@example.test', 'wrong password here', { address: '10.0.0.3' })).status).toBe(401);
    expect((await signIn('nobody@example.test', PASSWORD, { address: '10.0.0.3' })).status).toBe(401);
    const signUp = await auth.handler(new Request(`${ORIGIN}/api/auth/sign-up/email`, { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN }, body: JSON.stringify({ email: 'new@example.test', password: PASSWORD, name: 'New' }) }));
    expect(signUp.ok).toBe(false);
    const evil = await signIn('dpo@example.test', PASSWORD, { address: '10.0.0.4', origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.headers.getSetCookie()).toEqual([]);
  });

  it('rate-limits sign-in per client address (even the right password), other addresses unaffected', async () => {
    for (let i = 0; i < 3; i++) expect((await signIn('dpo@example.test', 'wrong password here', { address: '10.0.9.9' })).status).toBe(401);
    expect((await signIn('dpo@example.test', PASSWORD, { address: '10.0.9.9' })).status).toBe(429);
    expect((await signIn('dpo@example.test', PASSWORD, { address: '10.0.9.10' })).status).toBe(200);
  });

  it('a session cookie is worthless after sign-out, and after an admin revokes the sessions', async () => {
    const a = cookieOf(await signIn('dpo@example.test', PASSWORD, { address: '10.0.1.1' }));
    expect(await sessionOf(a)).not.toBeNull();
    await auth.handler(new Request(`${ORIGIN}/api/auth/sign-out`, { method: 'POST', headers: { cookie: a, origin: ORIGIN } }));
    expect(await sessionOf(a)).toBeNull();

    const b = cookieOf(await signIn('dpo@example.test', PASSWORD, { address: '10.0.1.2' }));
    expect(await sessionOf(b)).not.toBeNull();
    expect(await revokeSessions(db, userId)).toBeGreaterThan(0);
    expect(await sessionOf(b)).toBeNull();
  });

  it('a forged or altered cookie opens no session', async () => {
    const good = cookieOf(await signIn('dpo@example.test', PASSWORD, { address: '10.0.1.3' }));
    const [name, value] = good.split('; ').find((c) => c.startsWith('__Secure-meridian.session_token='))!.split('=') as [string, string];
    const decoded = decodeURIComponent(value);
    const [token] = decoded.split('.');
    expect(await sessionOf(`${name}=${encodeURIComponent(`${token}.${'A'.repeat(43)}=`)}`)).toBeNull();
    expect(await sessionOf(`${name}=${encodeURIComponent(`x${decoded.slice(1)}`)}`)).toBeNull();
  });

  it('updating a user resets the password and replaces the grants', async () => {
    await upsertUser(auth, db, { email: 'dpo@example.test', name: 'D P O', password: 'a different long password', grants: [{ role: 'auditor', region: 'me' }] });
    expect(await grantsOf(db, userId)).toEqual([{ role: 'auditor', region: 'me' }]);
    expect((await signIn('dpo@example.test', PASSWORD, { address: '10.0.2.1' })).status).toBe(401);
    expect((await signIn('dpo@example.test', 'a different long password', { address: '10.0.2.1' })).status).toBe(200);
    await expect(upsertUser(auth, db, { email: 'x@example.test', name: 'X', password: 'short', grants: [] })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});
