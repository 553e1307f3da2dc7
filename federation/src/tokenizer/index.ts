/** Language-agnostic hashed n-gram tokenizer. */
export { fnv1a32, fnv1a32Update, FNV1A_32_OFFSET } from './fnv1a-32.ts';
export { hashFeatures, tokenize } from './hash-features.ts';
export { normalizeText } from './normalize-text.ts';
export { DEFAULT_TOKENIZER_CONFIG } from './tokenizer-config.ts';
export type { TokenizerConfig } from './tokenizer-config.ts';
