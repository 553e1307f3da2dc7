import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { REGIONS } from '@meridian/core/policy/region-profile.ts';

const regionUrls = z.partialRecord(z.enum(REGIONS), z.url());

/** What the console server needs to run: its own storage and the nodes it talks to. */
export const consoleConfigSchema = z.strictObject({
  /** The console's embedded database (users, sessions, DP budget ledger) and secret. */
  dataDir: z.string().min(1),
  /** A PostgreSQL URL for the console's database instead of embedded PGlite. */
  databaseUrl: z.string().optional(),
  /** The console's public origin (`https://host:port`): cookies, CSRF and sign-in links are bound to it. */
  origin: z.url(),
  /** Each region node's base URL. */
  regions: regionUrls,
  /** PEM file of the CA that issued the nodes' TLS certificates. */
  caFile: z.string().optional(),
  /** PEM (PKCS#8) of the console's Ed25519 key: it signs the identity assertions the nodes check; they trust its public key. */
  signingKeyFile: z.string().min(1),
  /** The coordinator's status URL base (models, rounds). */
  coordinatorUrl: z.url().optional(),
  /** The federation's trust file, offered to auditors for browser verification. */
  trustFile: z.string().optional(),
  /** Sign-in attempts allowed per client address per window (seconds). */
  loginRateLimit: z.strictObject({ window: z.number().int().min(1), max: z.number().int().min(1) }).default({ window: 60, max: 5 }),
  /** Create the demo accounts of `demo-users.ts` at start (local launch only). */
  demoUsers: z.boolean().default(false),
  /** ε each analyst may spend on DP aggregates per day. */
  analystDailyEpsilon: z.number().positive().max(100).default(3),
});

export type ConsoleConfig = z.infer<typeof consoleConfigSchema>;

/**
 * Reads the console's configuration from the JSON file named by
 * `MERIDIAN_CONSOLE_CONFIG` (written by the launcher, or by an operator).
 * A missing or malformed file is a BAD_INPUT error naming the failing fields.
 *
 * @example
 * const config = loadConsoleConfig(process.env);
 */
export function loadConsoleConfig(env: Record<string, string | undefined>): ConsoleConfig {
  const file = env.MERIDIAN_CONSOLE_CONFIG;
  if (!file) throw new MeridianError('BAD_INPUT', 'MERIDIAN_CONSOLE_CONFIG must name the console configuration file');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new MeridianError('BAD_INPUT', 'the console configuration file cannot be read as JSON', { file });
  }
  const parsed = consoleConfigSchema.safeParse(json);
  if (!parsed.success) {
    throw new MeridianError('BAD_INPUT', 'the console configuration is malformed', { fields: parsed.error.issues.map((i) => i.path.join('.') || '(root)') });
  }
  return parsed.data;
}
