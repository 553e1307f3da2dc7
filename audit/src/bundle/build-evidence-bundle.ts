import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { Ledger } from '../ledger/ledger.ts';
import type { LedgerEntry } from '../ledger/ledger-entry.ts';
import type { EvidenceBundle } from './evidence-bundle.ts';
import { formatTlogProof } from '../proof/format-tlog-proof.ts';

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** Which entries a bundle is about. */
export type BundleQuery = { refId: string } | { indexes: number[] };

/**
 * Builds an evidence bundle from any `Ledger` backend: the selected entries
 * with tlog-proofs into the latest checkpoint, plus the checkpoint at which
 * the earliest of them was first signed and a consistency proof from it to
 * the latest, so an auditor sees both "it is in the log" and "the log has
 * only grown since".
 *
 * @example
 * const bundle = await buildEvidenceBundle(ledger, { refId: 'req-42' }, { about: 'everything recorded about request req-42' });
 * writeFileSync('req-42.meridian-evidence.json', JSON.stringify(bundle, null, 2));
 */
export async function buildEvidenceBundle(ledger: Ledger, query: BundleQuery, options: { about?: string; now?: Date } = {}): Promise<EvidenceBundle> {
  const latest = await ledger.latestCheckpoint();
  if (!latest) throw new MeridianError('CONFLICT', 'the log has no checkpoint yet; sign one before exporting evidence');
  const size = latest.checkpoint.size;
  let entries: LedgerEntry[];
  if ('refId' in query) {
    entries = await ledger.entriesByRef(query.refId);
  } else {
    entries = [];
    for (const i of [...new Set(query.indexes)].sort((a, b) => a - b)) entries.push(...(await ledger.entries(i, i + 1)));
  }
  const unsigned = entries.filter((e) => e.index >= size);
  if (unsigned.length > 0) {
    throw new MeridianError('CONFLICT', 'some entries are newer than the latest checkpoint; sign a checkpoint first', {
      firstUnsignedIndex: unsigned[0]!.index, checkpointSize: size,
    });
  }
  const first = entries[0];
  const checkpoints = [latest];
  if (first) {
    const [earliest] = await ledger.checkpoints(first.index + 1, size);
    if (earliest && earliest.checkpoint.size < size) checkpoints.unshift(earliest);
  }
  const consistency: EvidenceBundle['consistency'] = [];
  for (let i = 1; i < checkpoints.length; i++) {
    const from = checkpoints[i - 1]!.checkpoint.size;
    const to = checkpoints[i]!.checkpoint.size;
    if (from > 0 && from < to) consistency.push({ from, to, hashes: (await ledger.consistencyProof(from, to)).hashes.map(b64) });
  }
  const withProofs = await Promise.all(
    entries.map(async (e) => {
      const proof = await ledger.inclusionProof(e.index, size);
      return { index: e.index, leaf: b64(e.leaf), proof: formatTlogProof({ index: e.index, hashes: proof.hashes, checkpointNote: latest.note }) };
    }),
  );
  const about = options.about ?? ('refId' in query ? `everything recorded about ${query.refId}` : `entries ${query.indexes.join(', ')}`);
  return {
    format: 'meridian-evidence-bundle/v1',
    origin: ledger.origin,
    about,
    query: 'refId' in query ? { refId: query.refId } : { indexes: entries.map((e) => e.index) },
    createdAt: (options.now ?? new Date()).toISOString(),
    checkpoints: checkpoints.map((c) => c.note),
    consistency,
    entries: withProofs,
  };
}
