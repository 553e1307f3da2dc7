import { deserializeModel } from '../model/deserialize-model.ts';
import type { ModelSpec } from '../model/model-spec.ts';
import { serializeModel } from '../model/serialize-model.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { ModelCodec } from './model-codec.ts';

/**
 * The registry codec for fastText classifiers: the model format of
 * `serializeModel` (spec and tokenizer inside, so the hash covers them), so
 * a registry hash is exactly what `modelHash(serializeModel(...))` gives and
 * a stored model can be loaded and used offline. Bytes with another spec
 * (task, labels, dims, tokenizer) are refused on decode.
 *
 * @example
 * const codec = fastTextModelCodec(spec);
 * const registry = createPostgresModelRegistry({ db, codec });
 */
export function fastTextModelCodec(spec: ModelSpec): ModelCodec {
  const expected = canonical(spec);
  return {
    name: `fasttext-v1:${spec.task}`,
    encode: (weights) => serializeModel({ spec, weights }),
    decode(bytes) {
      const { model } = deserializeModel(bytes);
      if (canonical(model.spec) !== expected) throw new MeridianError('BAD_INPUT', 'stored model has another spec than this codec', { reason: 'spec_mismatch', task: model.spec.task });
      return model.weights;
    },
  };
}

/** JSON with object keys sorted, so two equal specs compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}
