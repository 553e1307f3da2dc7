import { hash } from 'node:crypto';

/**
 * The hiding commitment a leaf stores: SHA-256(salt ‖ payload). With a
 * 32-byte random salt it reveals nothing about the payload, and once the
 * salt is deleted nobody can test a guessed payload against it.
 *
 * @example
 * const c = commitPayload(salt, payload);
 */
export function commitPayload(salt: Uint8Array, payload: Uint8Array): Uint8Array {
  return hash('sha256', Buffer.concat([salt, payload]), 'buffer');
}
