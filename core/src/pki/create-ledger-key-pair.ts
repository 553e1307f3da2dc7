import { generateKeyPairSync, type KeyObject } from 'node:crypto';

/**
 * Generates a node's Ed25519 checkpoint-signing key. The raw public key goes
 * into the node's CSR (`createCsr({ ledgerPublicKey })`) so the CA binds it to
 * the region; verifiers then trust a checkpoint signature only if the key is
 * the one in the region's current, unrevoked certificate.
 *
 * @example
 * const ledgerKey = createLedgerKeyPair();
 * const signature = sign(null, checkpointBytes, ledgerKey.privateKey);
 */
export function createLedgerKeyPair(): { publicKey: Uint8Array; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const { x } = publicKey.export({ format: 'jwk' });
  if (typeof x !== 'string') throw new Error('Ed25519 key has no public point');
  return { publicKey: new Uint8Array(Buffer.from(x, 'base64url')), privateKey };
}
