import { join } from 'node:path';
import type { Region } from '@meridian/core/policy/region-profile.ts';
import { openDatabase, type OpenDatabase } from '@meridian/core/db/open-database.ts';
import { migrateToLatest } from '@meridian/core/db/migrate-to-latest.ts';

/** A region node's directory under the launcher's data directory (`.data/eu`). */
export const regionDir = (dataDir: string, region: Region) => join(dataDir, region);

/**
 * A region's own database in the launcher's layout (`<dataDir>/<region>/pgdata`,
 * embedded PGlite, migrated): where the node keeps its data and the models it
 * adapted. Pass it to `openRegionNode({ database })` to serve from it. An
 * embedded database belongs to one process at a time: stop the node first.
 *
 * @example
 * const store = await openRegionStore('.data', 'eu');
 * await regionModels.history(store.db);
 * await store.close();
 */
export async function openRegionStore(dataDir: string, region: Region): Promise<OpenDatabase> {
  const database = await openDatabase({ dataDir: join(regionDir(dataDir, region), 'pgdata') });
  try {
    await migrateToLatest(database.db);
  } catch (e) {
    await database.close();
    throw e;
  }
  return database;
}
