import { MeridianError } from '../errors/meridian-error.ts';
import type { DataClass } from '../catalog/data-class.ts';
import type { Jurisdiction, Region, RegionProfile, SpecialCategoryHandling } from './region-profile.ts';

const STRICTNESS: Record<SpecialCategoryHandling, number> = { restrict: 0, redact_sentence: 1, redact_message: 2 };

/**
 * The decisions a region makes from its profile. Pure: it holds the profile and
 * answers questions; callers act on the answers.
 */
export class PolicyEngine {
  readonly profile: RegionProfile;
  readonly #byCountry = new Map<string, Jurisdiction>();

  constructor(profile: RegionProfile) {
    this.profile = profile;
    for (const j of profile.jurisdictions) for (const c of j.countries) this.#byCountry.set(c, j);
  }

  get region(): Region {
    return this.profile.region;
  }

  /**
   * Refuses a subject whose home is another region, and a country this region does not serve.
   *
   * @example
   * new PolicyEngine(loadRegionProfile('eu')).checkResidency('sea', 'SG'); // throws RESIDENCY_VIOLATION
   */
  checkResidency(homeRegion: string, country: string): Jurisdiction {
    if (homeRegion !== this.region) {
      throw new MeridianError('RESIDENCY_VIOLATION', `subject's home region is ${homeRegion}; this node (${this.region}) stores only its own residents`, {
        homeRegion,
        nodeRegion: this.region,
      });
    }
    const j = this.#byCountry.get(country);
    if (!j) {
      throw new MeridianError('RESIDENCY_VIOLATION', `country ${country} is not served by region ${this.region}`, { country, nodeRegion: this.region });
    }
    return j;
  }

  jurisdiction(code: string): Jurisdiction {
    const j = this.profile.jurisdictions.find((x) => x.code === code);
    if (!j) throw new MeridianError('NOT_FOUND', `jurisdiction ${code} is not in profile ${this.region}`, { jurisdiction: code });
    return j;
  }

  /** Days a column of this class may be kept for a subject under this jurisdiction; undefined = no limit set. */
  retentionDays(jurisdiction: string, cls: DataClass): number | undefined {
    return this.jurisdiction(jurisdiction).retentionDays[cls];
  }

  /** The strictest handling the profile asks for among the detected categories. */
  specialCategoryHandling(categories: readonly string[]): SpecialCategoryHandling | undefined {
    let worst: SpecialCategoryHandling | undefined;
    const rules = this.profile.specialCategories.byCategory as Record<string, SpecialCategoryHandling | undefined>;
    for (const c of categories) {
      // The most specific rule wins: `user.health.genetic` falls back to a `user.health` rule, then to the default.
      let key: string | undefined = c;
      let h: SpecialCategoryHandling | undefined;
      while (key && !(h = rules[key])) key = key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : undefined;
      h ??= this.profile.specialCategories.default;
      if (!worst || STRICTNESS[h] > STRICTNESS[worst]) worst = h;
    }
    return worst;
  }

  /** Statutory deadline for a rights request received at `receivedAt`. */
  statutoryDeadline(jurisdiction: string, receivedAt: Date, extended = false): Date {
    const d = this.jurisdiction(jurisdiction).rightsDeadline;
    const days = d.days + (extended ? d.extensionDays : 0);
    return new Date(receivedAt.getTime() + days * 86_400_000);
  }
}
