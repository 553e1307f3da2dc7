import type { Ledger } from '../ledger/ledger.ts';
import type { SignedCheckpoint } from '../checkpoint/signed-checkpoint.ts';
import type { NoteVerifierKey } from '../note/note-verifier-key.ts';
import type { WitnessClient } from './witness-client.ts';
import type { WitnessAlarm } from './witness-alarm.ts';
import { parseNote } from '../note/parse-note.ts';
import { verifyCosignature } from '../cosignature/verify-cosignature.ts';

/** Why one witness did not cosign. */
export interface CosignFailure {
  witness: string;
  reason: string;
  alarm?: WitnessAlarm;
}

/**
 * The log's side of witnessing: sends its latest checkpoint to each witness
 * with a consistency proof from the size that witness last saw (learning it
 * from a `conflict` answer), checks each returned cosignature against the
 * witness's key, and stores the good ones on the checkpoint.
 *
 * @example
 * const { checkpoint, results, failures } = await requestCosignatures(ledger, [seaWitness, meWitness], witnessKeys);
 */
export async function requestCosignatures(
  ledger: Ledger,
  witnesses: readonly WitnessClient[],
  witnessKeys: readonly NoteVerifierKey[],
  hints: Map<string, number> = new Map(),
): Promise<{ checkpoint: SignedCheckpoint; results: string[]; failures: CosignFailure[] }> {
  const signed = await ledger.checkpoint();
  const text = parseNote(signed.note).text;
  const size = signed.checkpoint.size;
  const lines: string[] = [];
  const results: string[] = [];
  const failures: CosignFailure[] = [];
  await Promise.all(
    witnesses.map(async (w) => {
      try {
        let oldSize = Math.min(hints.get(w.name) ?? 0, size);
        for (let attempt = 0; attempt < 2; attempt++) {
          const proof = oldSize === 0 || oldSize === size ? [] : (await ledger.consistencyProof(oldSize, size)).hashes;
          const response = await w.addCheckpoint({ oldSize, consistencyProof: proof, checkpointNote: signed.note });
          if (response.status === 'conflict') {
            if (response.witnessSize > size) {
              failures.push({ witness: w.name, reason: `witness has seen a larger checkpoint (${response.witnessSize}) than the log's latest (${size})` });
              return;
            }
            oldSize = response.witnessSize;
            continue;
          }
          if (response.status === 'alarm') {
            failures.push({ witness: w.name, reason: response.alarm.detail, alarm: response.alarm });
            return;
          }
          const key = witnessKeys.find((k) => k.name === w.name);
          const parsed = parseNote(`${text}\n${response.cosignature}\n`).signatures[0];
          if (!key || !parsed || verifyCosignature(text, parsed, key) === undefined) {
            failures.push({ witness: w.name, reason: 'returned a cosignature that does not verify under its known key' });
            return;
          }
          hints.set(w.name, size);
          lines.push(response.cosignature);
          results.push(w.name);
          return;
        }
        failures.push({ witness: w.name, reason: 'kept reporting a different last-seen size' });
      } catch (e) {
        failures.push({ witness: w.name, reason: (e as Error).message });
      }
    }),
  );
  const checkpoint = lines.length > 0 ? await ledger.addCosignatures(size, lines) : signed;
  return { checkpoint, results, failures };
}
