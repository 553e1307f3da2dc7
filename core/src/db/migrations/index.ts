import type { Migration } from 'kysely/migration';
import { foundation } from './0001-foundation.ts';
import { ledger } from './0002-ledger.ts';
import { federation } from './0003-federation.ts';

/** Every migration, in order. An explicit map: nothing registers itself by side effect. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-ledger': ledger,
  '0003-federation': federation,
};
