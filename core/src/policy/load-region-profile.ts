import { readFileSync } from 'node:fs';
import { MeridianError } from '../errors/meridian-error.ts';
import { REGIONS, regionProfileSchema, type Region, type RegionProfile } from './region-profile.ts';

const BUILT_IN = new URL('./profiles/', import.meta.url);

/**
 * Loads and validates a region profile: the built-in one for `region`, or a JSON
 * file an operator supplies (`MERIDIAN_PROFILE_FILE`) to adapt the rules without code.
 *
 * @example
 * const eu = loadRegionProfile('eu');
 * eu.jurisdictions[0].rightsDeadline.days; // 30
 */
export function loadRegionProfile(region: Region, file?: string): RegionProfile {
  if (!REGIONS.includes(region)) {
    throw new MeridianError('BAD_INPUT', `unknown region "${region}"; known: ${REGIONS.join(', ')}`, { region });
  }
  const path = file ?? new URL(`${region}.json`, BUILT_IN);
  const parsed = regionProfileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new MeridianError('BAD_INPUT', `invalid region profile ${String(path)}: ${parsed.error.message}`, { region });
  }
  if (parsed.data.region !== region) {
    throw new MeridianError('BAD_INPUT', `profile ${String(path)} is for ${parsed.data.region}, not ${region}`, { region });
  }
  return parsed.data;
}
