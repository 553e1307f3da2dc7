import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { isRegionId } from '@meridian/core/pki/index.ts';

/**
 * How a coordinator runs its rounds (local epochs, learning rate and the rest
 * of the FitConfig come from the strategy's schedule).
 */
export interface RoundSettings {
  /** Rounds to run in total (failed rounds count, as in Flower). */
  rounds: number;
  /** Regions allowed to take part; others are refused. */
  participants: readonly string[];
  /** Fewest updates a round aggregates; with fewer by the deadline the round fails and the model stays. */
  minParticipants: number;
  /** Most regions invited to one round (default: all present). */
  maxParticipants: number;
  /** How long the fit phase waits for updates after it opens; stragglers past it are dropped. */
  stragglerTimeoutMs: number;
  /** How long the coordinator waits for evaluation reports of the new model (0: no evaluation phase). */
  evaluationTimeoutMs: number;
  /** Once `minParticipants` are present, how long to wait for the others before opening a round anyway. */
  joinWindowMs: number;
  /** Pause between the end of a round and the opening of the next. */
  roundIntervalMs: number;
  /** A region counts as present this long after its last poll. */
  presenceTtlMs: number;
}

/**
 * Settings with defaults filled in and checked: a misconfigured coordinator
 * fails at start with the offending field, not in round 7.
 *
 * @example
 * roundSettings({ rounds: 10, participants: ['eu', 'sea', 'me'], minParticipants: 2, stragglerTimeoutMs: 60_000 });
 */
export function roundSettings(input: Pick<RoundSettings, 'rounds' | 'participants' | 'minParticipants' | 'stragglerTimeoutMs'> & Partial<RoundSettings>): RoundSettings {
  const bad = (field: string, message: string): never => {
    throw new MeridianError('BAD_INPUT', `round settings: ${message}`, { field });
  };
  const participants = [...new Set(input.participants)].sort();
  if (participants.length === 0) bad('participants', 'at least one participant is required');
  for (const p of participants) if (!isRegionId(p)) bad('participants', 'participants must be region ids');
  const settings: RoundSettings = {
    rounds: input.rounds,
    participants,
    minParticipants: input.minParticipants,
    maxParticipants: input.maxParticipants ?? participants.length,
    stragglerTimeoutMs: input.stragglerTimeoutMs,
    evaluationTimeoutMs: input.evaluationTimeoutMs ?? input.stragglerTimeoutMs,
    joinWindowMs: input.joinWindowMs ?? 5_000,
    roundIntervalMs: input.roundIntervalMs ?? 0,
    presenceTtlMs: input.presenceTtlMs ?? 30_000,
  };
  if (!Number.isSafeInteger(settings.rounds) || settings.rounds < 0) bad('rounds', 'rounds must be a non-negative integer');
  if (!Number.isSafeInteger(settings.minParticipants) || settings.minParticipants < 1) bad('minParticipants', 'minParticipants must be at least 1');
  if (settings.minParticipants > participants.length) bad('minParticipants', 'minParticipants exceeds the participants');
  if (!Number.isSafeInteger(settings.maxParticipants) || settings.maxParticipants < settings.minParticipants) bad('maxParticipants', 'maxParticipants must be at least minParticipants');
  for (const field of ['stragglerTimeoutMs', 'evaluationTimeoutMs', 'joinWindowMs', 'roundIntervalMs', 'presenceTtlMs'] as const) {
    const v = settings[field];
    if (!Number.isFinite(v) || v < 0 || v > 7 * 86_400_000) bad(field, `${field} must be between 0 and a week`);
  }
  if (settings.stragglerTimeoutMs === 0) bad('stragglerTimeoutMs', 'stragglerTimeoutMs must be positive');
  return settings;
}
