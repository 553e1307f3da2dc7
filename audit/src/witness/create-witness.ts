import type { Kysely } from 'kysely';
import type { Database, DbOrTrx } from '@meridian/core/db/database.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { Witness } from './witness.ts';
import type { WitnessAlarm } from './witness-alarm.ts';
import type { WitnessResponse } from './witness-response.ts';
import type { NoteSigner } from '../note/note-signer.ts';
import type { NoteVerifierKey } from '../note/note-verifier-key.ts';
import type { SignedCheckpoint } from '../checkpoint/signed-checkpoint.ts';
import { parseNote } from '../note/parse-note.ts';
import { parseCheckpoint } from '../checkpoint/parse-checkpoint.ts';
import { openCheckpoint } from '../checkpoint/open-checkpoint.ts';
import { cosignCheckpoint } from '../cosignature/cosign-checkpoint.ts';
import { verifyConsistency } from '../merkle/verify-consistency.ts';
import { hex } from '../merkle/hex.ts';
import { vkey } from '../note/vkey.ts';

export interface WitnessOptions {
  /** The witness's own database (a region's or the coordinator's): state and alarms live there. */
  db: Kysely<Database>;
  /** Its cosigning key, from `ed25519Cosigner`. */
  cosigner: NoteSigner;
  /** The logs it watches: each log's verifier key, named after the log's origin. */
  logs: readonly NoteVerifierKey[];
  /** Asks a log for a consistency proof, so `observe` can judge checkpoints of other sizes. */
  consistencyProofs?: (origin: string, from: number, to: number) => Promise<Uint8Array[]>;
  clock?: () => Date;
  /** Called once per alarm after it is recorded (metrics, paging). */
  onAlarm?: (alarm: WitnessAlarm) => void;
}

/**
 * A witness whose memory is the `ledger_witness_state` table. Requests for
 * one log are serialised by a row lock, so two concurrent add-checkpoint
 * calls cannot both advance from the same old checkpoint.
 *
 * @example
 * const witness = createWitness({ db, cosigner: ed25519Cosigner('meridian.local/witness/sea', key), logs: [vkey.parse(euLogVkey)] });
 * const response = await witness.addCheckpoint({ oldSize, consistencyProof, checkpointNote });
 */
export function createWitness(options: WitnessOptions): Witness {
  const { db, cosigner } = options;
  const clock = options.clock ?? (() => new Date());
  const logs = new Map(options.logs.map((k) => [k.name, k]));

  const open = (note: string): SignedCheckpoint => {
    const origin = parseCheckpoint(parseNote(note).text).origin;
    const key = logs.get(origin);
    if (!key) throw new MeridianError('FORBIDDEN', 'this witness does not watch that log', { origin });
    return openCheckpoint(note, key);
  };

  const readState = async (q: DbOrTrx, origin: string, lock: boolean) => {
    let query = q.selectFrom('ledger_witness_state').select(['size', 'root', 'note']).where('origin', '=', origin);
    if (lock) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row && { size: Number(row.size), root: row.root, note: Buffer.from(row.note).toString('utf8') };
  };

  const raise = async (q: DbOrTrx, alarm: Omit<WitnessAlarm, 'detectedAt'>): Promise<WitnessAlarm> => {
    const full = { ...alarm, detectedAt: clock() };
    await q.insertInto('ledger_witness_alarms').values({
      origin: full.origin, kind: full.kind, detail: full.detail,
      previous_note: Buffer.from(full.previousNote, 'utf8'), presented_note: Buffer.from(full.presentedNote, 'utf8'), detected_at: full.detectedAt,
    }).execute();
    return full;
  };

  /** Judges `next` against the stored view; undefined when consistent. */
  const judge = (state: { size: number; root: Uint8Array; note: string }, next: SignedCheckpoint, proof: Uint8Array[]): Omit<WitnessAlarm, 'detectedAt'> | undefined => {
    const { origin, size, rootHash } = next.checkpoint;
    const [older, newer] = size >= state.size
      ? [{ size: state.size, root: state.root }, { size, root: rootHash }]
      : [{ size, root: rootHash }, { size: state.size, root: state.root }];
    if (older.size === newer.size) {
      if (Buffer.from(older.root).equals(newer.root)) return undefined;
      return {
        kind: 'split_view', origin, previousNote: state.note, presentedNote: next.note,
        detail: `two checkpoints of size ${size} with different roots (${hex(state.root)} and ${hex(rootHash)})`,
      };
    }
    if (older.size === 0) return undefined;
    try {
      verifyConsistency(older.size, newer.size, proof, older.root, newer.root);
      return undefined;
    } catch (e) {
      return {
        kind: 'inconsistent', origin, previousNote: state.note, presentedNote: next.note,
        detail: `no valid proof that the log of ${newer.size} entries extends the log of ${older.size} entries: ${(e as Error).message}`,
      };
    }
  };

  const notify = (alarm: WitnessAlarm | undefined) => {
    if (alarm) options.onAlarm?.(alarm);
    return alarm;
  };

  const rowToAlarm = (r: { origin: string; kind: string; detail: string; previous_note: Uint8Array; presented_note: Uint8Array; detected_at: Date }): WitnessAlarm => ({
    kind: r.kind as WitnessAlarm['kind'], origin: r.origin, detail: r.detail,
    previousNote: Buffer.from(r.previous_note).toString('utf8'), presentedNote: Buffer.from(r.presented_note).toString('utf8'), detectedAt: r.detected_at,
  });

  return {
    name: cosigner.name,
    vkey: vkey.format(cosigner.name, 0x04, cosigner.publicKey),

    async addCheckpoint(request) {
      const next = open(request.checkpointNote);
      const { origin, size, rootHash } = next.checkpoint;
      if (!Number.isSafeInteger(request.oldSize) || request.oldSize < 0 || request.oldSize > size) {
        throw new MeridianError('BAD_INPUT', 'old size must be between 0 and the checkpoint size', { oldSize: request.oldSize, size });
      }
      const response = await db.transaction().execute(async (trx): Promise<WitnessResponse> => {
        const state = await readState(trx, origin, true);
        if ((state?.size ?? 0) !== request.oldSize) return { status: 'conflict', witnessSize: state?.size ?? 0 };
        if (state) {
          const problem = judge(state, next, request.consistencyProof);
          if (problem) return { status: 'alarm', alarm: await raise(trx, problem) };
        } else if (request.consistencyProof.length > 0) {
          throw new MeridianError('BAD_INPUT', 'a proof from size 0 must be empty', { proofLength: request.consistencyProof.length });
        }
        const note = Buffer.from(next.note, 'utf8');
        await trx.insertInto('ledger_witness_state').values({ origin, size, root: rootHash, note, updated_at: clock() })
          .onConflict((oc) => oc.column('origin').doUpdateSet({ size, root: rootHash, note, updated_at: clock() })).execute();
        const text = parseNote(next.note).text;
        return { status: 'cosigned', cosignature: cosignCheckpoint(text, cosigner, Math.floor(clock().getTime() / 1000)) };
      });
      if (response.status === 'alarm') notify(response.alarm);
      return response;
    },

    async observe(checkpointNote) {
      const seen = open(checkpointNote);
      const state = await readState(db, seen.checkpoint.origin, false);
      if (!state) return undefined;
      let proof: Uint8Array[] = [];
      if (state.size !== seen.checkpoint.size) {
        if (!options.consistencyProofs || Math.min(state.size, seen.checkpoint.size) === 0) return undefined;
        const [from, to] = [Math.min(state.size, seen.checkpoint.size), Math.max(state.size, seen.checkpoint.size)];
        try {
          proof = await options.consistencyProofs(seen.checkpoint.origin, from, to);
        } catch {
          // An unreachable log proves nothing either way; only a proof that fails is evidence.
          return undefined;
        }
      }
      const problem = judge(state, seen, proof);
      return notify(problem && (await raise(db, problem)));
    },

    async lastCheckpoint(origin) {
      return (await readState(db, origin, false))?.note;
    },

    async alarms(origin) {
      let q = db.selectFrom('ledger_witness_alarms').select(['origin', 'kind', 'detail', 'previous_note', 'presented_note', 'detected_at']).orderBy('id');
      if (origin) q = q.where('origin', '=', origin);
      return (await q.execute()).map(rowToAlarm);
    },

    async alarmCount() {
      const row = await db.selectFrom('ledger_witness_alarms').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
