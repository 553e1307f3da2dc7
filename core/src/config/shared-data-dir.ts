import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/**
 * Where the licensed customer-message data sets are read from, in place (they are
 * never copied into the repository). `MERIDIAN_DATA_DIR` overrides the default,
 * which is `shared/data` beside the repository's checkout.
 */
export function sharedDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.MERIDIAN_DATA_DIR ?? resolve(fileURLToPath(import.meta.url), '../../../../../shared/data');
}
