import type { Migration } from 'kysely/migration';
import { foundation } from './0001-foundation.ts';
import { ledger } from './0002-ledger.ts';
import { federation } from './0003-federation.ts';
import { rights } from './0004-rights.ts';
import { training } from './0005-training.ts';
import { crossRegionRights } from './0006-cross-region-rights.ts';
import { unlearning } from './0007-unlearning.ts';
import { servedModels } from './0008-served-models.ts';
import { privacySpend } from './0009-privacy-spend.ts';

/** Every migration, in order. An explicit map: nothing registers itself by side effect. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-ledger': ledger,
  '0003-federation': federation,
  '0004-rights': rights,
  '0005-training': training,
  '0006-cross-region-rights': crossRegionRights,
  '0007-unlearning': unlearning,
  '0008-served-models': servedModels,
  '0009-privacy-spend': privacySpend,
};
