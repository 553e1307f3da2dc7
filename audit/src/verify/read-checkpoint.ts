import { verifierPrimitives as p } from './verifier-primitives.ts';

/** The three lines of a tlog-checkpoint body. */
export interface ReadCheckpoint {
  origin: string;
  size: number;
  root: Uint8Array;
}

/**
 * Reads checkpoint text (origin, decimal size, base64 root, optional
 * extension lines), or says why it cannot.
 *
 * @example
 * const cp = readCheckpoint(note.text);
 */
export function readCheckpoint(text: string): ReadCheckpoint | { problem: string } {
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) return { problem: 'it lacks the log name, size or fingerprint line' };
  const [origin, size, root] = lines as [string, string, string];
  if (!/^[^\s+]+$/u.test(origin)) return { problem: 'its log name is malformed' };
  if (!/^(0|[1-9][0-9]{0,15})$/.test(size) || !Number.isSafeInteger(Number(size))) return { problem: 'its size is not a plain whole number' };
  const rootHash = p.base64(root);
  if (!rootHash || rootHash.length !== 32) return { problem: 'its fingerprint (root hash) is malformed' };
  if (lines.slice(3).some((l) => l === '')) return { problem: 'it has an empty extension line' };
  return { origin, size: Number(size), root: rootHash };
}
