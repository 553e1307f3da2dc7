import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import type { Kysely } from 'kysely';
import type { Logger } from '@meridian/core/logging/create-logger.ts';
import type { ConsoleConfig } from './console-config.ts';

/** The header the console itself sets to the client's address; anything a client sends under it is replaced. */
export const CLIENT_ADDRESS_HEADER = 'x-meridian-client-address';

/** Sessions end after 8 hours of use, or at sign-out. */
export const SESSION_SECONDS = 8 * 3600;

/**
 * The console's accounts, on better-auth over the console's Kysely database
 * (PGlite or PostgreSQL). Passwords are scrypt hashes; sessions are rows, so
 * signing out (or an admin revoking) ends them at once, with no cookie cache
 * that could outlive the row; the cookie is `__Secure-`, HttpOnly,
 * SameSite=Strict and signed. Sign-up is closed: users are created by an
 * administrator (or the launcher's demo users). Sign-in is rate-limited per
 * client address; requests from another origin are refused.
 *
 * @example
 * const auth = createConsoleAuth(db, config, secret, logger);
 * await migrateAuth(auth);
 */
export function createConsoleAuth(db: Kysely<any>, config: Pick<ConsoleConfig, 'origin' | 'loginRateLimit'>, secret: string, logger: Logger) {
  return betterAuth({
    appName: 'Meridian console',
    baseURL: config.origin,
    basePath: '/api/auth',
    secret,
    trustedOrigins: [config.origin],
    database: { db, type: 'postgres' },
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 12, maxPasswordLength: 256, autoSignIn: false },
    session: { expiresIn: SESSION_SECONDS, updateAge: 15 * 60, cookieCache: { enabled: false } },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 300,
      customRules: { '/sign-in/email': config.loginRateLimit },
    },
    advanced: {
      cookiePrefix: 'meridian',
      useSecureCookies: true,
      defaultCookieAttributes: { sameSite: 'strict', httpOnly: true, secure: true, path: '/' },
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
      // better-auth skips its origin check when NODE_ENV is "test"; the console checks origins in every environment.
      disableOriginCheck: false,
    },
    telemetry: { enabled: false },
    // better-auth's messages name no person (e.g. "Invalid password"); they go to pino like every other log.
    logger: {
      level: 'warn',
      log: (level, message) => logger[level]({ component: 'auth' }, message),
    },
  });
}

export type ConsoleAuth = ReturnType<typeof createConsoleAuth>;

/**
 * Creates or updates better-auth's tables (`user`, `session`, `account`,
 * `verification`, `rateLimit`) for the configured options.
 *
 * @example
 * await migrateAuth(createConsoleAuth(db, config, secret, logger));
 */
export async function migrateAuth(auth: ConsoleAuth): Promise<void> {
  const { runMigrations } = await getMigrations(auth.options);
  await runMigrations();
}
