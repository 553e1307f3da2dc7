import type { Region } from '@meridian/core/policy/region-profile.ts';
import type { NamePoolId } from './demo-names.ts';

/** A language a demo customer writes in, with the share of their messages. */
export type MessageLanguage = 'en' | 'de' | 'fr' | 'es' | 'it' | 'pt' | 'th' | 'id' | 'ar';

export interface DemoCountry {
  readonly code: string;
  readonly region: Region;
  /** Relative share of the region's demo customers. */
  readonly weight: number;
  readonly names: readonly NamePoolId[];
  /**
   * Message languages with weights. Malaysia and Vietnam write English only:
   * `shared/data` holds no Malay or Vietnamese customer messages (XED's are
   * film subtitles), so using English is more honest than using subtitles.
   */
  readonly languages: readonly (readonly [MessageLanguage, number])[];
  /** How a native-script name is shown: the share written in Latin letters. */
  readonly latinNameShare: number;
}

/**
 * The countries demo customers live in, per region, consistent with each
 * region's jurisdictions (eu: GDPR states; sea: SG TH ID MY VN; me: AE SA).
 *
 * @example
 * DEMO_COUNTRIES.filter((c) => c.region === 'me').map((c) => c.code); // ['AE', 'SA']
 */
export const DEMO_COUNTRIES: readonly DemoCountry[] = [
  { code: 'DE', region: 'eu', weight: 22, names: ['de'], languages: [['de', 1], ['en', 1]], latinNameShare: 1 },
  { code: 'AT', region: 'eu', weight: 6, names: ['de'], languages: [['de', 1], ['en', 1]], latinNameShare: 1 },
  { code: 'FR', region: 'eu', weight: 18, names: ['fr'], languages: [['fr', 1], ['en', 1]], latinNameShare: 1 },
  { code: 'ES', region: 'eu', weight: 15, names: ['es'], languages: [['es', 1], ['en', 1]], latinNameShare: 1 },
  { code: 'IT', region: 'eu', weight: 15, names: ['it'], languages: [['it', 1], ['en', 1]], latinNameShare: 1 },
  { code: 'PT', region: 'eu', weight: 8, names: ['pt'], languages: [['pt', 1], ['en', 1]], latinNameShare: 1 },
  { code: 'IE', region: 'eu', weight: 8, names: ['en-IE'], languages: [['en', 1]], latinNameShare: 1 },
  { code: 'SG', region: 'sea', weight: 20, names: ['en-SG', 'ms'], languages: [['en', 1]], latinNameShare: 1 },
  { code: 'TH', region: 'sea', weight: 25, names: ['th'], languages: [['th', 3], ['en', 2]], latinNameShare: 0.3 },
  { code: 'ID', region: 'sea', weight: 25, names: ['id'], languages: [['id', 3], ['en', 2]], latinNameShare: 1 },
  { code: 'MY', region: 'sea', weight: 15, names: ['ms'], languages: [['en', 1]], latinNameShare: 1 },
  { code: 'VN', region: 'sea', weight: 15, names: ['vi'], languages: [['en', 1]], latinNameShare: 1 },
  { code: 'AE', region: 'me', weight: 50, names: ['ar'], languages: [['ar', 1]], latinNameShare: 0.4 },
  { code: 'SA', region: 'me', weight: 50, names: ['ar'], languages: [['ar', 1]], latinNameShare: 0.3 },
];
