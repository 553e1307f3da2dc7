import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MeridianError } from '../errors/meridian-error.ts';

/**
 * An Ed25519 private key (PKCS#8 PEM) for ledger signing or witnessing: from the
 * file an operator names (`given`, which must exist), else from `fallbackFile`,
 * created with mode 0600 on first use. With neither, a key for this process only.
 *
 * @example
 * const ledgerKey = loadEd25519KeyFile(process.env.MERIDIAN_LEDGER_KEY_FILE, '.data/eu/ledger-key.pem');
 */
export function loadEd25519KeyFile(given: string | undefined, fallbackFile?: string): KeyObject {
  const file = given ?? fallbackFile;
  if (!file) return generateKeyPairSync('ed25519').privateKey;
  if (!existsSync(file)) {
    if (given) throw new MeridianError('NOT_FOUND', `key file ${given} does not exist`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  const key = createPrivateKey(readFileSync(file));
  if (key.asymmetricKeyType !== 'ed25519') throw new MeridianError('BAD_INPUT', `key ${file} is ${key.asymmetricKeyType}, not ed25519`);
  return key;
}
