/**
 * Lower-case hex of a hash, for error evidence and logs.
 *
 * @example
 * hex(root); // 'e3b0c442…'
 */
export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
