import type { WitnessClient } from './witness-client.ts';
import type { WitnessAlarm } from './witness-alarm.ts';

/**
 * A witness: keeps the last checkpoint it verified for each log it watches,
 * cosigns a new one only after checking the log's signature and a
 * consistency proof from that last one, and raises (and records, and counts)
 * an alarm on any split view.
 */
export interface Witness extends WitnessClient {
  /** The witness's public key as a C2SP vkey (type 0x04), for trust files. */
  readonly vkey: string;
  /**
   * Checks a checkpoint seen elsewhere (gossip from another witness, an
   * evidence bundle) against the witness's own view, asking the log for a
   * consistency proof when the sizes differ. Returns the alarm if it conflicts.
   */
  observe(checkpointNote: string): Promise<WitnessAlarm | undefined>;
  /** The last checkpoint note the witness verified for `origin`. */
  lastCheckpoint(origin: string): Promise<string | undefined>;
  alarms(origin?: string): Promise<WitnessAlarm[]>;
  alarmCount(): Promise<number>;
}
