import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MeridianError } from '../errors/meridian-error.ts';

/**
 * The region's Ed25519 ledger key, which signs its checkpoints; its public half
 * is bound to the region's certificate. From `MERIDIAN_LEDGER_KEY_FILE` (PKCS#8
 * PEM), else `fallbackFile`, created with mode 0600 on first start (the embedded
 * default keeps it in the node's data directory).
 */
export function loadLedgerSigningKey(env: NodeJS.ProcessEnv, fallbackFile?: string): KeyObject {
  const file = env.MERIDIAN_LEDGER_KEY_FILE ?? fallbackFile;
  if (!file) return generateKeyPairSync('ed25519').privateKey;
  if (!existsSync(file)) {
    if (env.MERIDIAN_LEDGER_KEY_FILE) throw new MeridianError('NOT_FOUND', `MERIDIAN_LEDGER_KEY_FILE ${file} does not exist`);
    mkdirSync(dirname(file), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  const key = createPrivateKey(readFileSync(file));
  if (key.asymmetricKeyType !== 'ed25519') throw new MeridianError('BAD_INPUT', `ledger key ${file} is ${key.asymmetricKeyType}, not ed25519`);
  return key;
}
