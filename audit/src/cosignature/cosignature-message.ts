/**
 * What a v1 cosignature signs: `cosignature/v1`, `time <unix seconds>`, then
 * the checkpoint text (with its final newline, without signature lines).
 *
 * @example
 * cosignatureMessage(1700000000, checkpointText);
 */
export function cosignatureMessage(timestamp: number, checkpointText: string): Uint8Array {
  return Buffer.from(`cosignature/v1\ntime ${timestamp}\n${checkpointText}`, 'utf8');
}
