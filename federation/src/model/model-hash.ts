import { createHash } from 'node:crypto';

/**
 * Content hash of serialized model bytes: lowercase hex SHA-256. The model
 * registry versions models by it; the ledger records it per round.
 *
 * @example
 * modelHash(serializeModel(model)); // '3f2a…' (64 hex digits)
 */
export function modelHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
