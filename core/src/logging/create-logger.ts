import { pino, type Logger, type DestinationStream } from 'pino';

/**
 * Field names that could carry personal data. Log calls never pass such values on
 * purpose; this is the safety net that censors them if one slips through.
 */
export const PERSONAL_LOG_KEYS = ['text', 'body', 'email', 'phone', 'name', 'orderRef', 'externalId', 'subject', 'password', 'code', 'token'];

/**
 * A structured (pino) logger for one component. `LOG_LEVEL` sets the level.
 *
 * @example
 * const log = createLogger({ component: 'region', region: 'eu' });
 * log.info({ ingested: 500 }, 'batch stored');
 */
export function createLogger(bindings: Record<string, string>, destination?: DestinationStream): Logger {
  const paths = PERSONAL_LOG_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);
  return pino(
    {
      level: process.env.LOG_LEVEL ?? 'info',
      base: bindings,
      redact: { paths, censor: '[personal data removed]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

export type { Logger };
