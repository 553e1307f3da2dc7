import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../../../test/databases.ts';
import { createLogger } from '@meridian/core/logging/create-logger.ts';
import { createConsoleAuth, migrateAuth } from './console-auth.ts';
import { migrateConsole } from './console-migrations.ts';
import { upsertUser } from './console-users.ts';
import { budgetOf, chargeBudget, latestReleases, recordRelease, refundCharge } from './dp-budget.ts';
import type { ConsoleDatabase } from './console-schema.ts';

describe.each(DIALECTS)('the analysts’ DP budget ledger (%s)', (dialect) => {
  let t: TestDatabase;
  let db: Kysely<ConsoleDatabase>;
  let ana: string;
  let bo: string;
  const now = new Date('2026-11-20T12:00:00Z');

  beforeAll(async () => {
    t = await freshDatabase(dialect);
    db = t.db as unknown as Kysely<ConsoleDatabase>;
    const auth = createConsoleAuth(db, { origin: 'https://c.test', loginRateLimit: { window: 60, max: 5 } }, 'b'.repeat(43), createLogger({ component: 'test' }));
    await migrateAuth(auth);
    await migrateConsole(db);
    ana = await upsertUser(auth, db, { email: 'ana@c.test', name: 'Ana', password: 'long enough password', grants: [{ role: 'operator', region: 'eu' }] });
    bo = await upsertUser(auth, db, { email: 'bo@c.test', name: 'Bo', password: 'long enough password', grants: [{ role: 'operator', region: 'eu' }] });
  });
  afterAll(() => t?.close());

  it('charges each analyst apart and refuses a release past the daily ε', async () => {
    await chargeBudget(db, ana, 'traffic:eu', 1.2, 2, now);
    await expect(chargeBudget(db, ana, 'traffic:sea', 1, 2, now)).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED' });
    expect(await budgetOf(db, ana, 2, now)).toEqual({ daily: 2, spent: 1.2, remaining: expect.closeTo(0.8, 9) });
    await chargeBudget(db, bo, 'traffic:eu', 2, 2, now);
    expect((await budgetOf(db, bo, 2, now)).remaining).toBe(0);
    // A day later the window has moved on.
    expect((await budgetOf(db, ana, 2, new Date(now.getTime() + 86_400_001))).spent).toBe(0);
  });

  it('never lets concurrent charges overspend', async () => {
    const later = new Date(now.getTime() + 3 * 86_400_000);
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => chargeBudget(db, ana, 'traffic:me', 0.5, 2, later)));
    expect(results.filter((r) => r.status === 'fulfilled').length).toBe(4);
    expect((await budgetOf(db, ana, 2, later)).spent).toBeCloseTo(2, 9);
  });

  it('keeps released answers for free re-display, and refunds only a failed release', async () => {
    const later = new Date(now.getTime() + 6 * 86_400_000);
    const id = await chargeBudget(db, bo, 'traffic:sea', 0.4, 2, later);
    await recordRelease(db, id, { subjects: 17 });
    await refundCharge(db, id);
    expect((await budgetOf(db, bo, 2, later)).spent).toBeCloseTo(0.4, 9);
    const failed = await chargeBudget(db, bo, 'traffic:me', 0.4, 2, later);
    await refundCharge(db, failed);
    expect((await budgetOf(db, bo, 2, later)).spent).toBeCloseTo(0.4, 9);
    expect((await latestReleases(db, bo, ['traffic:sea', 'traffic:me'])).get('traffic:sea')).toMatchObject({ answer: { subjects: 17 }, epsilon: 0.4 });
    expect((await latestReleases(db, bo, ['traffic:me'])).size).toBe(0);
  });
});
