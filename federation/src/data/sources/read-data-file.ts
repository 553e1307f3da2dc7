import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';

/**
 * Reads a UTF-8 file under the shared data directory, in place (data files are
 * never copied into the repository). A missing file is a NOT_FOUND error that
 * names the path relative to the data directory.
 */
export function readDataFile(dataDir: string, ...path: string[]): string {
  try {
    return readFileSync(join(dataDir, ...path), 'utf8');
  } catch (cause) {
    throw new MeridianError('NOT_FOUND', `data file missing: ${path.join('/')}`, { dataDir, file: path.join('/') }, { cause });
  }
}
