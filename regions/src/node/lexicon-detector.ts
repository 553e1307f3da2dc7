import type { SpecialCategoryDetector } from './special-category-detector.ts';

/** Placeholder until core/src/special-categories lands; replaced below. */
export function lexiconDetector(): SpecialCategoryDetector {
  return { detect: () => ({ categories: [], redact: () => '' }) };
}
