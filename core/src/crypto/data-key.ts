import { randomBytes } from 'node:crypto';
import { MeridianError } from '../errors/meridian-error.ts';
import { openFieldBytes, sealField } from './field-cipher.ts';
import type { RegionKeyring } from './region-keyring.ts';

/** A subject's data key, wrapped under the keyring's current KEK (the subject id is bound in as AAD). */
export interface WrappedDataKey {
  kekId: string;
  wrapped: Uint8Array;
}

export function newDataKey(): Uint8Array {
  return new Uint8Array(randomBytes(32));
}

export function wrapDataKey(keyring: RegionKeyring, subjectId: string, dek: Uint8Array): WrappedDataKey {
  const kek = keyring.keks.get(keyring.current)!;
  return { kekId: keyring.current, wrapped: sealField(kek, dek, `dek:${subjectId}`) };
}

export function unwrapDataKey(keyring: RegionKeyring, subjectId: string, key: WrappedDataKey): Uint8Array {
  const kek = keyring.keks.get(key.kekId);
  if (!kek) throw new MeridianError('INTERNAL', `data key is wrapped by ${key.kekId}, which this keyring no longer holds`, { kekId: key.kekId });
  return new Uint8Array(openFieldBytes(kek, key.wrapped, `dek:${subjectId}`));
}
