import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { Keyring } from './keyring.ts';
import { vkey } from '../note/vkey.ts';

/**
 * Writes a keyring as the `meridian-trust/v1` JSON file that
 * `meridian verify --trust` reads.
 *
 * @example
 * writeFileSync('federation-trust.json', formatTrustFile({ logs: [euKey], witnesses: [seaKey, meKey], witnessQuorum: 2 }));
 */
export function formatTrustFile(keyring: Keyring): string {
  if (keyring.witnessQuorum > keyring.witnesses.length) {
    throw new MeridianError('BAD_INPUT', 'witness quorum exceeds the number of witnesses', { witnessQuorum: keyring.witnessQuorum, witnesses: keyring.witnesses.length });
  }
  return `${JSON.stringify(
    {
      format: 'meridian-trust/v1',
      logs: keyring.logs.map((k) => vkey.format(k.name, 0x01, k.publicKey)),
      witnesses: keyring.witnesses.map((k) => vkey.format(k.name, 0x04, k.publicKey)),
      witnessQuorum: keyring.witnessQuorum,
    },
    null,
    2,
  )}\n`;
}
