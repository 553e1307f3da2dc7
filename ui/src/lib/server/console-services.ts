import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { openDatabase } from '@meridian/core/db/open-database.ts';
import { createLogger, type Logger } from '@meridian/core/logging/create-logger.ts';
import type { Region } from '@meridian/core/policy/region-profile.ts';
import type { ConsoleConfig } from './console-config.ts';
import type { ConsoleDatabase } from './console-schema.ts';
import { createConsoleAuth, migrateAuth, type ConsoleAuth } from './console-auth.ts';
import { migrateConsole } from './console-migrations.ts';
import { upsertUser } from './console-users.ts';
import { DEMO_USERS } from './demo-users.ts';
import { regionApis, type RegionApi } from './region-api.ts';

/** Everything the console server's routes use, opened once per process. */
export interface ConsoleServices {
  config: ConsoleConfig;
  db: Kysely<ConsoleDatabase>;
  auth: ConsoleAuth;
  regions: Map<Region, RegionApi>;
  logger: Logger;
  close(): Promise<void>;
}

/** The console's session-signing secret: generated once, kept in its data directory (mode 0600). */
function consoleSecret(dataDir: string, env: Record<string, string | undefined>): string {
  if (env.MERIDIAN_CONSOLE_SECRET && env.MERIDIAN_CONSOLE_SECRET.length >= 32) return env.MERIDIAN_CONSOLE_SECRET;
  const file = join(dataDir, 'auth-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/**
 * Opens the console's database (PGlite in `dataDir`, or PostgreSQL), brings
 * better-auth's and the console's tables up to date, and prepares the region
 * clients.
 *
 * @example
 * const services = await openConsoleServices(loadConsoleConfig(process.env));
 */
export async function openConsoleServices(config: ConsoleConfig, env: Record<string, string | undefined> = process.env): Promise<ConsoleServices> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const logger = createLogger({ component: 'console' });
  const opened = await openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? undefined : join(config.dataDir, 'db'), poolSize: 5 });
  const db = opened.db as unknown as Kysely<ConsoleDatabase>;
  const auth = createConsoleAuth(db, config, consoleSecret(config.dataDir, env), logger);
  await migrateAuth(auth);
  await migrateConsole(db);
  if (config.demoUsers) for (const u of DEMO_USERS) await upsertUser(auth, db, u);
  return { config, db, auth, regions: regionApis(config), logger, close: opened.close };
}
