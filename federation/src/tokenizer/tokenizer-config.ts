/**
 * How text becomes hashed feature ids. It is stored inside every serialized
 * model (and so covered by its content hash): a model is only valid with the
 * tokenizer it was trained with.
 */
export interface TokenizerConfig {
  /** Number of hash buckets (rows of the embedding table). */
  buckets: number;
  /** Word n-grams up to this order (1 = words only, 2 = words + bigrams). */
  wordNgrams: number;
  /** Character n-gram lengths, inclusive, taken over `<word>` with boundary marks. */
  charNgramMin: number;
  charNgramMax: number;
}

/**
 * 2^16 buckets: TOOLCHAIN.md measured no loss against 2^18 on Banking77, at a
 * quarter of the table (16 MB at 64 dims). Character 2–4-grams carry Thai (no
 * spaces) and Arabic morphology (clitics such as و / ال glued to words).
 */
export const DEFAULT_TOKENIZER_CONFIG: TokenizerConfig = Object.freeze({
  buckets: 1 << 16,
  wordNgrams: 2,
  charNgramMin: 2,
  charNgramMax: 4,
});
