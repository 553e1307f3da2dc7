import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { MeridianError } from '../errors/meridian-error.ts';

/** A region's secret keys. Only `keks[current]` wraps new data keys; older ones still unwrap until rotation finishes. */
export interface RegionKeyring {
  current: string;
  keks: ReadonlyMap<string, Uint8Array>;
  blindIndexKey: Uint8Array;
}

const key32 = z.string().refine((s) => Buffer.from(s, 'base64').length === 32, 'must be 32 bytes, base64');
const fileSchema = z.strictObject({
  current: z.string(),
  keks: z.array(z.strictObject({ id: z.string(), key: key32, createdAt: z.string() })).min(1),
  blindIndexKey: key32,
});
export type KeyringFile = z.infer<typeof fileSchema>;

/** A KEK's id is derived from the key, so a wrong key can never pose as the right one. */
export function kekId(key: Uint8Array): string {
  return `kek-${createHash('sha256').update('meridian-kek-id').update(key).digest('hex').slice(0, 16)}`;
}

export function newKeyringFile(now = new Date()): KeyringFile {
  const kek = randomBytes(32);
  const id = kekId(kek);
  return { current: id, keks: [{ id, key: kek.toString('base64'), createdAt: now.toISOString() }], blindIndexKey: randomBytes(32).toString('base64') };
}

export function keyringFromFile(file: KeyringFile): RegionKeyring {
  const parsed = fileSchema.parse(file);
  const keks = new Map(parsed.keks.map((k) => [k.id, new Uint8Array(Buffer.from(k.key, 'base64'))] as const));
  for (const [id, k] of keks) {
    if (kekId(k) !== id) throw new MeridianError('BAD_INPUT', `keyring: KEK id ${id} does not match its key`, { kekId: id });
  }
  if (!keks.has(parsed.current)) throw new MeridianError('BAD_INPUT', `keyring: current KEK ${parsed.current} is missing`, { kekId: parsed.current });
  return { current: parsed.current, keks, blindIndexKey: new Uint8Array(Buffer.from(parsed.blindIndexKey, 'base64')) };
}

/**
 * Where a node's keys come from, in order:
 * 1. `MERIDIAN_KEK` + `MERIDIAN_BLIND_INDEX_KEY` (base64, 32 bytes each), e.g. injected by a secret manager;
 * 2. `MERIDIAN_KEYRING_FILE`, a JSON keyring (several KEKs during a rotation);
 * 3. `fallbackFile` (the embedded default keeps `keyring.json` in the node's data directory, mode 0600,
 *    created on first start) — convenient for a laptop, not for production: the key then sits beside the data.
 */
export function loadRegionKeyring(env: NodeJS.ProcessEnv, fallbackFile?: string): { keyring: RegionKeyring; source: string } {
  if (env.MERIDIAN_KEK) {
    if (!env.MERIDIAN_BLIND_INDEX_KEY) throw new MeridianError('BAD_INPUT', 'MERIDIAN_KEK is set but MERIDIAN_BLIND_INDEX_KEY is not');
    const kek = Buffer.from(env.MERIDIAN_KEK, 'base64');
    const id = kekId(kek);
    return {
      keyring: keyringFromFile({ current: id, keks: [{ id, key: env.MERIDIAN_KEK, createdAt: new Date(0).toISOString() }], blindIndexKey: env.MERIDIAN_BLIND_INDEX_KEY }),
      source: 'env',
    };
  }
  const file = env.MERIDIAN_KEYRING_FILE ?? fallbackFile;
  if (!file) throw new MeridianError('BAD_INPUT', 'no key-encryption key: set MERIDIAN_KEK or MERIDIAN_KEYRING_FILE');
  if (!existsSync(file)) {
    if (env.MERIDIAN_KEYRING_FILE) throw new MeridianError('NOT_FOUND', `MERIDIAN_KEYRING_FILE ${file} does not exist`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(newKeyringFile(), null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return { keyring: keyringFromFile(JSON.parse(readFileSync(file, 'utf8'))), source: file };
}
