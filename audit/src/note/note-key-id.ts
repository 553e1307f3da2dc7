import { createHash } from 'node:crypto';

/**
 * The signed-note key ID: SHA-256(name ‖ 0x0A ‖ type ‖ publicKey)[:4], where
 * type is 0x01 for a log's Ed25519 key and 0x04 for an Ed25519 witness
 * cosignature key (C2SP signed-note, tlog-cosignature).
 *
 * @example
 * noteKeyId('meridian.local/ledger/eu', 0x01, publicKey); // 4 bytes
 */
export function noteKeyId(name: string, type: number, publicKey: Uint8Array): Uint8Array {
  return createHash('sha256').update(name, 'utf8').update(Buffer.from([0x0a, type])).update(publicKey).digest().subarray(0, 4);
}
