import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { NoteSigner } from './note-signer.ts';

/**
 * Signs note text (which must end in a newline) with each signer and returns
 * the signed note: text, blank line, one signature line per signer.
 *
 * @example
 * const note = signNote('meridian.local/ledger/eu\n42\n' + rootB64 + '\n', [logSigner]);
 */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (!text.endsWith('\n') || /[\u0000-\u0009\u000b-\u001f]/.test(text)) {
    throw new MeridianError('BAD_INPUT', 'note text must end in a newline and hold no control characters');
  }
  const message = Buffer.from(text, 'utf8');
  const lines = signers.map((s) => `\u2014 ${s.name} ${Buffer.concat([s.keyId, s.sign(message)]).toString('base64')}\n`);
  return `${text}\n${lines.join('')}`;
}
