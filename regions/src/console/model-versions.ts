import type { RegionNode } from '../node/region-node.ts';

/**
 * The model versions this node holds, by content hash, without their bytes:
 * global models from the coordinator's registry (where it runs beside the
 * node) with the current one per federation, and the models this region
 * adapted from them on its own data (which never leave the region).
 *
 * @example
 * const { global, adapted } = await modelVersions(node);
 */
export async function modelVersions(node: RegionNode) {
  const [global, current, adapted] = await Promise.all([
    node.db.selectFrom('federation_models').select(['hash', 'federation', 'parent_hash', 'round', 'codec', 'size_bytes', 'created_at']).orderBy('created_at', 'desc').limit(500).execute(),
    node.db.selectFrom('federation_checkpoints').select(['federation', 'round', 'model_hash', 'updated_at']).execute(),
    node.db.selectFrom('region_models').select(['hash', 'task', 'base_hash', 'base_round', 'examples', 'size_bytes', 'created_at']).orderBy('created_at', 'desc').limit(500).execute(),
  ]);
  return {
    region: node.region,
    current: current.map((c) => ({ federation: c.federation, round: c.round, hash: c.model_hash, since: c.updated_at.toISOString() })),
    global: global.map((m) => ({ hash: m.hash, federation: m.federation, parentHash: m.parent_hash, round: m.round, codec: m.codec, sizeBytes: Number(m.size_bytes), createdAt: m.created_at.toISOString() })),
    adapted: adapted.map((m) => ({ hash: m.hash, task: m.task, baseHash: m.base_hash, baseRound: m.base_round, examples: m.examples, sizeBytes: Number(m.size_bytes), createdAt: m.created_at.toISOString() })),
  };
}
