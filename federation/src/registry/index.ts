/** The model registry: global models by content hash, and the codecs that make their bytes. */
export { fastTextModelCodec } from './fasttext-model-codec.ts';
export type { ModelCodec } from './model-codec.ts';
export type { ModelRegistry } from './model-registry.ts';
export type { ModelVersion } from './model-version.ts';
export { createPostgresModelRegistry, type PostgresModelRegistryOptions } from './postgres/postgres-model-registry.ts';
export { rawWeightsCodec } from './raw-weights-codec.ts';
