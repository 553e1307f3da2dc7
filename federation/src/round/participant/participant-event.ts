/** What a participant reports as it runs (non-personal). */
export type ParticipantEvent =
  | { type: 'training'; round: number; modelHash: string }
  /** `bytes`: tensor bytes of the update as encoded by the transforms (before base64). */
  | { type: 'submitted'; round: number; numExamples: number; bytes: number; resent: boolean }
  | { type: 'failure_reported'; round: number; reason: string }
  | { type: 'evaluated'; round: number; modelHash: string; metrics: Record<string, number> }
  | { type: 'model'; round: number; modelHash: string }
  | { type: 'retrying'; attempt: number; delayMs: number; reason: string }
  | { type: 'finished'; round: number; modelHash: string };
