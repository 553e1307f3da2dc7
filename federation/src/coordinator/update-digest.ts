import { createHash } from 'node:crypto';
import type { UpdateEnvelope } from '../round/update-envelope.ts';

/**
 * A SHA-256 over everything an update says (tensors in name order, counts,
 * metrics, annotations), so a resent identical update is recognised as a
 * retry and a different second update from the same region as a conflict.
 *
 * @example
 * updateDigest(a) === updateDigest(b); // same update, e.g. resent after a lost response
 */
export function updateDigest(update: UpdateEnvelope): string {
  const h = createHash('sha256');
  const sorted = (o: Record<string, unknown>) => JSON.stringify(Object.keys(o).sort().map((k) => [k, o[k]]));
  h.update(JSON.stringify([update.federation, update.round, update.region, update.numExamples, update.encoding]));
  h.update(sorted(update.metrics));
  h.update(sorted(update.annotations));
  for (const name of Object.keys(update.tensors).sort()) {
    const t = update.tensors[name] as Uint8Array;
    h.update(`\u0000${name}\u0000${t.length}\u0000`);
    h.update(t);
  }
  return h.digest('hex');
}
