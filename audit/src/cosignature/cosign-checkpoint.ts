import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { NoteSigner } from '../note/note-signer.ts';
import { cosignatureMessage } from './cosignature-message.ts';

/**
 * A cosignature line `— name base64(keyID ‖ u64 timestamp ‖ signature)` over
 * checkpoint text. Only call it after checking consistency with the last
 * checkpoint seen: the signature asserts exactly that.
 *
 * @example
 * const line = cosignCheckpoint(text, cosigner, Math.floor(Date.now() / 1000));
 */
export function cosignCheckpoint(checkpointText: string, cosigner: NoteSigner, timestamp: number): string {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new MeridianError('BAD_INPUT', 'cosignature time must be whole seconds', { timestamp });
  const time = Buffer.alloc(8);
  time.writeBigUInt64BE(BigInt(timestamp));
  const signature = cosigner.sign(cosignatureMessage(timestamp, checkpointText));
  return `\u2014 ${cosigner.name} ${Buffer.concat([cosigner.keyId, time, signature]).toString('base64')}`;
}
