/** The federation's regions: EU (Frankfurt), Southeast Asia (Singapore), Middle East (Dubai). */
export type RegionId = 'eu' | 'sea' | 'me';

export const REGION_IDS: readonly RegionId[] = Object.freeze(['eu', 'sea', 'me']);
