import type { WitnessAlarm } from './witness-alarm.ts';

/**
 * A witness's answer to an add-checkpoint request:
 * - `cosigned`: the cosignature line to attach to the checkpoint;
 * - `conflict`: the witness last saw `witnessSize`, so the log must resend
 *   with a consistency proof from there (tlog-witness's 409);
 * - `alarm`: the log is misbehaving; nothing was signed.
 */
export type WitnessResponse =
  | { status: 'cosigned'; cosignature: string }
  | { status: 'conflict'; witnessSize: number }
  | { status: 'alarm'; alarm: WitnessAlarm };
