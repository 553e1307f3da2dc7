import type { SpecialCategoryHandling } from '@meridian/core/policy/region-profile.ts';

/** Detects GDPR Art. 9 categories in a text and applies a redaction mode to it. */
export interface SpecialCategoryDetector {
  detect(text: string, language?: string): { categories: string[]; redact(mode: Exclude<SpecialCategoryHandling, 'restrict'>): string };
}
