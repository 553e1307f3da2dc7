import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { keyringFromFile, newKeyringFile, type KeyringFile } from '@meridian/core/crypto/region-keyring.ts';

/**
 * Adds a new KEK to a keyring file and makes it current; the old ones stay so
 * existing data keys still unwrap until they are re-wrapped. The file is replaced
 * atomically (write, then rename) so a crash never leaves half a keyring.
 */
export function rotateKeyringFile(file: string, now = new Date()): KeyringFile {
  const current = JSON.parse(readFileSync(file, 'utf8')) as KeyringFile;
  keyringFromFile(current);
  const fresh = newKeyringFile(now).keks[0]!;
  const next: KeyringFile = { current: fresh.id, keks: [fresh, ...current.keks], blindIndexKey: current.blindIndexKey };
  writeFileSync(`${file}.tmp`, JSON.stringify(next, null, 2), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return next;
}

/** Drops KEKs other than the current one (after every data key was re-wrapped). */
export function retireOldKeks(file: string): string[] {
  const current = JSON.parse(readFileSync(file, 'utf8')) as KeyringFile;
  const retired = current.keks.filter((k) => k.id !== current.current).map((k) => k.id);
  const next = { ...current, keks: current.keks.filter((k) => k.id === current.current) };
  keyringFromFile(next);
  writeFileSync(`${file}.tmp`, JSON.stringify(next, null, 2), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return retired;
}
