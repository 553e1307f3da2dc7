import { detectSpecialCategories, redactSpecialCategories } from '@meridian/core/special-categories/index.ts';
import type { SpecialCategoryDetector } from './special-category-detector.ts';

/** The node's default detector: the multilingual fideslang lexicons in core. */
export function lexiconDetector(): SpecialCategoryDetector {
  return {
    detect(text, language) {
      const detection = detectSpecialCategories(text, { language });
      return {
        categories: [...detection.categories],
        redact: (mode) => redactSpecialCategories(text, detection, mode === 'redact_message' ? 'message' : 'sentence'),
      };
    },
  };
}
