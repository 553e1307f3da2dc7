import { sql } from 'kysely';
import type { DbOrTrx } from '@meridian/core/db/database.ts';
import type { NodeId } from '../../merkle/node-id.ts';
import { tileLayout, type TileId } from './tile-layout.ts';
import type { TileWrite } from './plan-tile-append.ts';

/**
 * Tile rows in and out, one statement each way. Knows nothing of the tree
 * beyond `tileLayout.locate`.
 *
 * @example
 * const hashes = await ledgerTiles.nodes(db, plan.ids);
 */
export const ledgerTiles = {
  async read(db: DbOrTrx, tiles: readonly TileId[]): Promise<Map<string, Uint8Array>> {
    const out = new Map<string, Uint8Array>();
    if (tiles.length === 0) return out;
    const { rows } = await sql<{ level: number; idx: number; hashes: Uint8Array }>`
      select level, idx, hashes from ledger_tiles
      where (level, idx) in (select * from unnest(${tiles.map((t) => t.level)}::smallint[], ${tiles.map((t) => t.index)}::bigint[]))
    `.execute(db);
    for (const r of rows) out.set(tileLayout.key({ level: Number(r.level), index: Number(r.idx) }), r.hashes);
    return out;
  },

  async write(db: DbOrTrx, writes: readonly TileWrite[]): Promise<void> {
    if (writes.length === 0) return;
    await sql`
      insert into ledger_tiles (level, idx, hashes)
      select * from unnest(${writes.map((w) => w.level)}::smallint[], ${writes.map((w) => w.index)}::bigint[], ${writes.map((w) => w.hashes)}::bytea[])
      on conflict (level, idx) do update set hashes = excluded.hashes
    `.execute(db);
  },

  /** The hashes of perfect nodes, in the order asked, from one read of the tiles they live in. */
  async nodes(db: DbOrTrx, ids: readonly NodeId[]): Promise<Uint8Array[]> {
    const located = ids.map((id) => tileLayout.locate(id));
    const wanted = new Map<string, TileId>();
    for (const l of located) wanted.set(tileLayout.key(l.tile), l.tile);
    const rows = await ledgerTiles.read(db, [...wanted.values()]);
    return located.map((l) => tileLayout.nodeHash(l.tile, rows.get(tileLayout.key(l.tile)), l.offset, l.span));
  },
};
