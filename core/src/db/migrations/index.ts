import type { Migration } from 'kysely/migration';
import { foundation } from './0001-foundation.ts';

/** Every migration, in order. An explicit map: nothing registers itself by side effect. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
};
