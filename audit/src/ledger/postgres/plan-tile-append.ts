import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { HASH_SIZE } from '../../merkle/hashes.ts';
import { treeMath } from '../../merkle/tree-math.ts';
import { tileLayout, type TileId } from './tile-layout.ts';

/** A tile row to upsert: its full new contents. */
export interface TileWrite extends TileId {
  hashes: Uint8Array;
}

/**
 * Plans the tile rows a batch of appends rewrites: extend each level's last
 * partial tile, add new tiles, and carry each tile that fills up to the next
 * tile level as one new node. Pure: `partial` holds the current partial tiles
 * (from `tileLayout.partialTiles(size)`), the caller writes the result.
 *
 * @example
 * const writes = planTileAppend(size, partialRows, newLeafHashes);
 */
export function planTileAppend(size: number, partial: ReadonlyMap<string, Uint8Array>, leafHashes: readonly Uint8Array[]): TileWrite[] {
  const W = tileLayout.width;
  const writes: TileWrite[] = [];
  let fresh = leafHashes;
  for (let level = 0; fresh.length > 0; level++) {
    const existing = treeMath.shiftDown(size, level * tileLayout.height);
    const firstTile = Math.floor(existing / W);
    const lastTile = Math.floor((existing + fresh.length - 1) / W);
    const carried: Uint8Array[] = [];
    for (let t = firstTile; t <= lastTile; t++) {
      const parts: Uint8Array[] = [];
      if (t === firstTile && existing % W !== 0) {
        const prefix = partial.get(tileLayout.key({ level, index: t }));
        if (!prefix || prefix.length !== (existing % W) * HASH_SIZE) {
          throw new MeridianError('INTERNAL', 'ledger partial tile does not match the tree size', {
            tileLevel: level, tileIndex: t, expectedBytes: (existing % W) * HASH_SIZE, haveBytes: prefix?.length ?? 0,
          });
        }
        parts.push(prefix);
      }
      const from = Math.max(0, t * W - existing);
      const to = Math.min(fresh.length, (t + 1) * W - existing);
      for (let i = from; i < to; i++) parts.push(fresh[i]!);
      const hashes = Buffer.concat(parts);
      writes.push({ level, index: t, hashes });
      if (hashes.length === W * HASH_SIZE) carried.push(tileLayout.nodeHash({ level, index: t }, hashes, 0, W));
    }
    fresh = carried;
  }
  return writes;
}
