import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { Checkpoint } from './checkpoint.ts';
import { strictBase64 } from '../note/strict-base64.ts';

/**
 * Parses checkpoint note text (without signatures). Strict: the size must be
 * canonical decimal and the root canonical base64 of 32 bytes.
 *
 * @example
 * const { origin, size, rootHash } = parseCheckpoint(parseNote(note).text);
 */
export function parseCheckpoint(text: string): Checkpoint {
  const bad = (why: string): never => {
    throw new MeridianError('BAD_INPUT', `checkpoint: ${why}`);
  };
  if (!text.endsWith('\n')) bad('text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) bad('needs origin, size and root lines');
  const [origin, sizeLine, rootLine, ...extensions] = lines as [string, string, string, ...string[]];
  if (!/^[^\s+]+$/u.test(origin)) bad('origin must be non-empty without spaces or "+"');
  if (!/^(0|[1-9][0-9]{0,15})$/.test(sizeLine) || !Number.isSafeInteger(Number(sizeLine))) bad('size must be canonical decimal');
  const rootHash = strictBase64(rootLine);
  if (!rootHash || rootHash.length !== 32) return bad('root must be base64 of 32 bytes');
  if (extensions.some((l) => l === '')) bad('extension lines must be non-empty');
  return { origin, size: Number(sizeLine), rootHash, extensions };
}
