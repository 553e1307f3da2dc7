import { randomBytes } from 'node:crypto';
import type { DbOrTrx } from '@meridian/core/db/database.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { LedgerEntryInput } from './ledger-entry-input.ts';
import type { CommittedEntry } from './committed-entry.ts';
import { encodeLeaf } from './encode-leaf.ts';
import { commitPayload } from './commit-payload.ts';
import { ledgerSalts } from './ledger-salts.repository.ts';
import { hashLeaf } from '../merkle/hashes.ts';

/** Where salts come from, called once per entry with 32; tests pass a seeded source. */
export type SaltSource = (bytes: number) => Uint8Array;

// A CSPRNG call per entry costs more than all the hashing of an append, so
// the default draws 32 KiB at a time and hands out slices, never reusing one.
let pool = Buffer.alloc(0);
const pooledRandom: SaltSource = (bytes) => {
  if (pool.length < bytes) pool = randomBytes(Math.max(bytes, 32 * 1024));
  const out = pool.subarray(0, bytes);
  pool = pool.subarray(bytes);
  return out;
};

/**
 * Turns events into leaves: a fresh 32-byte salt per event, the commitment
 * SHA-256(salt ‖ payload), the canonical leaf, and the salt row written in
 * `trx` (one statement for the batch). Every `Ledger` backend calls this, so
 * no backend ever sees a payload or a subject id.
 *
 * @example
 * const committed = await commitEntries(trx, [{ type: 'interaction', region: 'eu', time, refId: messageId, subjectId, payload }]);
 */
export async function commitEntries(
  trx: DbOrTrx,
  entries: readonly LedgerEntryInput[],
  salts: SaltSource = pooledRandom,
): Promise<CommittedEntry[]> {
  const committed: CommittedEntry[] = [];
  const rows = entries.map((e, i) => {
    if (!(e.time instanceof Date) || Number.isNaN(e.time.getTime())) {
      throw new MeridianError('BAD_INPUT', 'ledger entry time must be a valid Date', { position: i });
    }
    if (!(e.payload instanceof Uint8Array)) throw new MeridianError('BAD_INPUT', 'ledger entry payload must be bytes', { position: i });
    const salt = salts(32);
    const commitment = commitPayload(salt, e.payload);
    const leaf = encodeLeaf({ v: 1, type: e.type, region: e.region, time: e.time.toISOString(), refId: e.refId, commitment, meta: e.meta ?? {} });
    committed.push({ leaf, leafHash: hashLeaf(leaf), commitment, refId: e.refId });
    return { commitment, subjectId: e.subjectId ?? null, salt };
  });
  await ledgerSalts.insert(trx, rows);
  return committed;
}
