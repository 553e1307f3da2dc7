import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { NodeId } from '../../merkle/node-id.ts';
import { HASH_SIZE, hashChildren } from '../../merkle/hashes.ts';
import { treeMath } from '../../merkle/tree-math.ts';

/** A stored tile row's coordinates: tile level L holds tree level L·height. */
export interface TileId {
  level: number;
  index: number;
}

const HEIGHT = 4;
const WIDTH = 2 ** HEIGHT;

/**
 * How perfect-subtree hashes map onto tile rows. A tile is the bottom row of
 * a height-4 subtree: 16 consecutive node hashes of one tree level. Nodes of
 * the three levels in between are recomputed from the row (at most 15
 * hashes), so storage is ~1/15 row per leaf and any node costs one row read.
 * The layout is pure: the Postgres code only moves rows.
 *
 * @example
 * const { tile, offset, span } = tileLayout.locate({ level: 5, index: 3 });
 */
export const tileLayout = {
  height: HEIGHT,
  width: WIDTH,

  key(t: TileId): string {
    return `${t.level}/${t.index}`;
  },

  /** Where node's hash comes from: `span` entries of `tile` starting at `offset`, hashed up. */
  locate(node: NodeId): { tile: TileId; offset: number; span: number } {
    const tileLevel = Math.floor(node.level / HEIGHT);
    const rise = node.level - tileLevel * HEIGHT;
    const first = node.index * treeMath.pow2(rise);
    return { tile: { level: tileLevel, index: Math.floor(first / WIDTH) }, offset: first % WIDTH, span: treeMath.pow2(rise) };
  },

  /** The partial (non-empty, not full) last tile of every tile level, for a tree of `size` leaves. */
  partialTiles(size: number): TileId[] {
    const out: TileId[] = [];
    for (let level = 0; ; level++) {
      const count = treeMath.shiftDown(size, level * HEIGHT);
      if (count === 0) return out;
      if (count % WIDTH !== 0) out.push({ level, index: Math.floor(count / WIDTH) });
    }
  },

  /** Hashes `span` entries of a tile row, starting at `offset`, up into one node hash. */
  nodeHash(tile: TileId, row: Uint8Array | undefined, offset: number, span: number): Uint8Array {
    if (!row || row.length % HASH_SIZE !== 0 || row.length < (offset + span) * HASH_SIZE) {
      throw new MeridianError('INTERNAL', 'ledger tile is missing or too short for a node the tree needs', {
        tileLevel: tile.level, tileIndex: tile.index, needEntries: offset + span, haveBytes: row?.length ?? 0,
      });
    }
    let layer: Uint8Array[] = [];
    for (let i = 0; i < span; i++) layer.push(row.subarray((offset + i) * HASH_SIZE, (offset + i + 1) * HASH_SIZE));
    while (layer.length > 1) {
      const next: Uint8Array[] = [];
      for (let i = 0; i < layer.length; i += 2) next.push(hashChildren(layer[i]!, layer[i + 1]!));
      layer = next;
    }
    return layer[0]!;
  },
};
