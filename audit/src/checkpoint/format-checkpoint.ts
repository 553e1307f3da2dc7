import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { Checkpoint } from './checkpoint.ts';

/**
 * The tlog-checkpoint note text: origin, size, base64 root, extension lines,
 * each ending in a newline.
 *
 * @example
 * formatCheckpoint({ origin: 'meridian.local/ledger/eu', size: 42, rootHash, extensions: [] });
 */
export function formatCheckpoint(c: Checkpoint): string {
  if (!/^[^\s+]+$/u.test(c.origin)) throw new MeridianError('BAD_INPUT', 'checkpoint origin must be non-empty without spaces or "+"');
  if (!Number.isSafeInteger(c.size) || c.size < 0) throw new MeridianError('BAD_INPUT', 'checkpoint size must be a non-negative integer', { size: c.size });
  if (c.rootHash.length !== 32) throw new MeridianError('BAD_INPUT', 'checkpoint root must be 32 bytes', { length: c.rootHash.length });
  if (c.extensions.some((l) => l === '' || l.includes('\n'))) throw new MeridianError('BAD_INPUT', 'checkpoint extension lines must be non-empty single lines');
  return [c.origin, String(c.size), Buffer.from(c.rootHash).toString('base64'), ...c.extensions].map((l) => `${l}\n`).join('');
}
