import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { MeridianError } from '../errors/meridian-error.ts';
import { REGIONS } from '../policy/region-profile.ts';

/**
 * Every setting of a region node, by environment variable name. A JSON file named
 * by `MERIDIAN_CONFIG` may hold the same keys; the environment wins over the file,
 * and command-line flags win over both.
 */
export const nodeConfigSchema = z.object({
  MERIDIAN_REGION: z.enum(REGIONS).optional(),
  /** PostgreSQL URL. Unset: embedded PGlite in MERIDIAN_NODE_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** The node's data directory: PGlite files and the default keyring. */
  MERIDIAN_NODE_DIR: z.string().optional(),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** name:token pairs allowed to call the ingestion API. */
  MERIDIAN_INGEST_TOKENS: z.string().optional(),
  /** PEM files for HTTPS. */
  MERIDIAN_TLS_KEY_FILE: z.string().optional(),
  MERIDIAN_TLS_CERT_FILE: z.string().optional(),
  MERIDIAN_PROFILE_FILE: z.string().optional(),
  MERIDIAN_RETENTION_INTERVAL_MINUTES: z.coerce.number().positive().default(60),
  /** The console's Ed25519 public keys (base64 raw, comma-separated); unset: every console.* call is refused. */
  MERIDIAN_CONSOLE_PUBLIC_KEYS: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type NodeConfig = z.infer<typeof nodeConfigSchema>;

/**
 * @example
 * const cfg = loadNodeConfig(process.env); // MERIDIAN_CONFIG=./eu.json PORT=7101 ...
 */
export function loadNodeConfig(env: NodeJS.ProcessEnv = process.env): NodeConfig {
  let file: Record<string, unknown> = {};
  if (env.MERIDIAN_CONFIG) {
    try {
      file = JSON.parse(readFileSync(env.MERIDIAN_CONFIG, 'utf8'));
    } catch (e) {
      throw new MeridianError('BAD_INPUT', `MERIDIAN_CONFIG ${env.MERIDIAN_CONFIG}: ${(e as Error).message}`);
    }
  }
  const merged = { ...file, ...Object.fromEntries(Object.entries(env).filter(([k]) => k in nodeConfigSchema.shape)) };
  const parsed = nodeConfigSchema.safeParse(merged);
  if (!parsed.success) {
    throw new MeridianError('BAD_INPUT', `configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
