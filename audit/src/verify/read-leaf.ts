/** What an auditor is shown about an entry: its non-personal metadata. */
export interface ReadLeaf {
  type: string;
  region: string;
  time: string;
  refId: string;
  commitment: string;
  meta: Record<string, string | number | boolean>;
}

const KNOWN_TYPES = new Set(['interaction', 'consent', 'erasure', 'rectification', 'restriction', 'access', 'rights_request', 'training_round', 'model_release', 'key_rotation']);

/**
 * Reads leaf bytes (canonical JSON: sorted keys, no spaces), or says why they
 * are not a well-formed Meridian leaf.
 *
 * @example
 * const leaf = readLeaf(bytes);
 */
export function readLeaf(bytes: Uint8Array): ReadLeaf | { problem: string } {
  let text: string;
  let o: Record<string, unknown>;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    o = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { problem: 'the entry is not readable text' };
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return { problem: 'the entry is not a record' };
  const { commitment, meta, refId, region, time, type, v } = o;
  if (v !== 1) return { problem: 'the entry has an unknown format version' };
  if (typeof type !== 'string' || !KNOWN_TYPES.has(type)) return { problem: 'the entry has an unknown event type' };
  if (typeof region !== 'string' || typeof refId !== 'string' || typeof time !== 'string' || typeof commitment !== 'string') {
    return { problem: 'the entry lacks a region, reference, time or commitment' };
  }
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) return { problem: 'the entry metadata is malformed' };
  if (!Object.values(meta).every((x) => ['string', 'number', 'boolean'].includes(typeof x))) return { problem: 'the entry metadata is malformed' };
  if (canonical(o) !== text) return { problem: 'the entry is not in canonical form (it was re-encoded or altered)' };
  return { type, region, time, refId, commitment, meta: meta as ReadLeaf['meta'] };
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const o = value as Record<string, unknown>;
  return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
}
