import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { UpdateEnvelope } from '../round/update-envelope.ts';
import type { SecaggWeighting } from './secagg-weighting.ts';

/** What a masked update tells the coordinator about how it was masked and encoded (all non-personal). */
export interface SecaggAnnotations {
  /** The parties the update is masked against, itself included, sorted (Bonawitz's U2 as this party saw it). */
  parties: string[];
  weighting: SecaggWeighting;
  /** This party's integer weight, and the parties' total (what the encoding divides by). */
  weight: number;
  totalWeight: number;
  fractionBits: number;
  /** How many values were clamped to ±clip before encoding. */
  clamped: number;
}

const REGION = /^[a-z][a-z0-9-]{0,31}$/;

/**
 * The annotations of a masked update as written by the client transform, and
 * read back (with every check the coordinator needs) by the aggregator.
 *
 * @example
 * const annotations = { ...update.annotations, ...secaggAnnotations.write(a) };
 * const a = secaggAnnotations.read(update); // BAD_INPUT if anything is missing or malformed
 */
export const secaggAnnotations = Object.freeze({
  write(a: SecaggAnnotations): Record<string, string | number | boolean> {
    const parties = a.parties.join(',');
    if (parties.length > 256) throw new MeridianError('BAD_INPUT', 'too many parties to name in an annotation', { reason: 'too_many_parties', parties: a.parties.length });
    return { secagg: 1, secaggParties: parties, secaggWeighting: a.weighting, secaggWeight: a.weight, secaggTotalWeight: a.totalWeight, secaggFractionBits: a.fractionBits, secaggClamped: a.clamped };
  },
  read(update: Pick<UpdateEnvelope, 'annotations' | 'region'>): SecaggAnnotations {
    const n = update.annotations;
    const bad = (field: string) => new MeridianError('BAD_INPUT', `masked update has a missing or malformed ${field}`, { reason: 'bad_annotation', field });
    if (n.secagg !== 1) throw bad('secagg');
    const parties = typeof n.secaggParties === 'string' ? n.secaggParties.split(',') : [];
    if (parties.length < 2 || parties.some((p, i) => !REGION.test(p) || (i > 0 && (parties[i - 1] as string) >= p)) || !parties.includes(update.region)) throw bad('secaggParties');
    const weighting = n.secaggWeighting;
    if (weighting !== 'uniform' && weighting !== 'examples') throw bad('secaggWeighting');
    const int = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
    if (!int(n.secaggTotalWeight, 1, 2 ** 29)) throw bad('secaggTotalWeight');
    if (!int(n.secaggWeight, 0, n.secaggTotalWeight as number)) throw bad('secaggWeight');
    if (!int(n.secaggFractionBits, -64, 64)) throw bad('secaggFractionBits');
    if (!int(n.secaggClamped, 0, Number.MAX_SAFE_INTEGER)) throw bad('secaggClamped');
    return {
      parties,
      weighting,
      weight: n.secaggWeight as number,
      totalWeight: n.secaggTotalWeight as number,
      fractionBits: n.secaggFractionBits as number,
      clamped: n.secaggClamped as number,
    };
  },
});
