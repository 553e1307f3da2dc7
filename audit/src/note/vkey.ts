import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { NoteVerifierKey } from './note-verifier-key.ts';
import { noteKeyId } from './note-key-id.ts';
import { strictBase64 } from './strict-base64.ts';

/**
 * C2SP vkey text encoding of Ed25519 verifier keys:
 * `name+hex8(keyID)+base64(type ‖ 32-byte key)`.
 *
 * @example
 * const text = vkey.format('meridian.local/ledger/eu', 0x01, publicKey);
 * const key = vkey.parse(text);
 */
export const vkey = {
  format(name: string, type: 0x01 | 0x04, publicKey: Uint8Array): string {
    const id = Buffer.from(noteKeyId(name, type, publicKey)).toString('hex');
    return `${name}+${id}+${Buffer.concat([Buffer.from([type]), publicKey]).toString('base64')}`;
  },
  parse(text: string): NoteVerifierKey {
    const bad = (why: string): never => {
      throw new MeridianError('BAD_INPUT', `verifier key: ${why}`, { vkey: text.slice(0, 80) });
    };
    const m = /^([^\s+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(text.trim());
    if (!m) return bad('expected name+keyid+base64');
    const raw = strictBase64(m[3]!);
    if (!raw || raw.length !== 33 || (raw[0] !== 0x01 && raw[0] !== 0x04)) return bad('expected an Ed25519 key of type 0x01 or 0x04');
    const type = raw[0] as 0x01 | 0x04;
    const publicKey = raw.subarray(1);
    const keyId = noteKeyId(m[1]!, type, publicKey);
    if (Buffer.from(keyId).toString('hex') !== m[2]) bad('key ID does not match the key');
    return { name: m[1]!, keyId, type, publicKey };
  },
};
