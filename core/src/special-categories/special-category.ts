/**
 * The special categories of personal data Meridian looks for in message text,
 * named with the keys of fideslang's default data-category taxonomy (3.2.0).
 *
 * fideslang 3.2.0 renamed three of the 2.x keys; the 2.x names are still
 * accepted by fideslang but deprecated, so Meridian emits only the new ones:
 * `user.health_and_medical` → `user.health`,
 * `user.health_and_medical.genetic` → `user.health.genetic`,
 * `user.biometric` → `user.biometrics`. See {@link FIDESLANG_2_KEYS}.
 *
 * GDPR Art. 9(1) lists: racial or ethnic origin, political opinions, religious
 * or philosophical beliefs, trade-union membership, genetic data, biometric
 * data for identification, health, sex life or sexual orientation. Art. 10 adds
 * criminal convictions and offences, which every region here treats as
 * sensitively, so it is part of the set.
 *
 * Two keys are in the vocabulary but have no lexicon entries, on purpose:
 * - `user.biometrics`: text cannot carry a fingerprint or face template; a
 *   customer writing "fingerprint login fails" discloses a device feature, not
 *   biometric data (Art. 9 covers biometrics processed *to identify* a person).
 * - `user.demographic.philosophical_belief`: the words that signal it in
 *   customer text ("vegan", "pacifist") are overwhelmingly diet or product
 *   preferences; a lexicon would be mostly false positives.
 * They stay in the vocabulary so catalog columns and policies can name them.
 *
 * @example
 * const c: SpecialCategory = 'user.demographic.religious_belief';
 * SPECIAL_CATEGORIES.includes(c); // true
 */
export const SPECIAL_CATEGORIES = [
  'user.demographic.race_ethnicity',
  'user.demographic.political_opinion',
  'user.demographic.religious_belief',
  'user.demographic.philosophical_belief',
  'user.demographic.union_membership',
  'user.health.genetic',
  'user.biometrics',
  'user.health',
  'user.demographic.sexual_orientation',
  'user.criminal_history',
] as const;

export type SpecialCategory = (typeof SPECIAL_CATEGORIES)[number];

/** Which GDPR article makes each category special (Art. 10 for criminal data). */
export const GDPR_ARTICLE: Readonly<Record<SpecialCategory, 'art9' | 'art10'>> = {
  'user.demographic.race_ethnicity': 'art9',
  'user.demographic.political_opinion': 'art9',
  'user.demographic.religious_belief': 'art9',
  'user.demographic.philosophical_belief': 'art9',
  'user.demographic.union_membership': 'art9',
  'user.health.genetic': 'art9',
  'user.biometrics': 'art9',
  'user.health': 'art9',
  'user.demographic.sexual_orientation': 'art9',
  'user.criminal_history': 'art10',
};

/**
 * Deprecated fideslang 2.x keys and the 3.2.0 key that replaced each, for
 * policies or catalogs written against the older taxonomy.
 */
export const FIDESLANG_2_KEYS: Readonly<Record<string, SpecialCategory>> = {
  'user.health_and_medical': 'user.health',
  'user.health_and_medical.genetic': 'user.health.genetic',
  'user.biometric': 'user.biometrics',
};

/** @example isSpecialCategory('user.health') // true */
export function isSpecialCategory(key: string): key is SpecialCategory {
  return (SPECIAL_CATEGORIES as readonly string[]).includes(key);
}
