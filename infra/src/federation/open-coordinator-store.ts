import { join } from 'node:path';
import { openDatabase, type OpenDatabase } from '@meridian/core/db/open-database.ts';
import { migrateToLatest } from '@meridian/core/db/migrate-to-latest.ts';
import { loadEd25519KeyFile } from '@meridian/core/crypto/ed25519-key-file.ts';
import { ledgerOrigin } from '@meridian/core/config/ledger-names.ts';
import { postgresLedger } from '@meridian/audit/ledger/postgres/postgres-ledger.ts';
import { ed25519NoteSigner } from '@meridian/audit/note/ed25519-note-signer.ts';
import type { Ledger } from '@meridian/audit/ledger/ledger.ts';
import type { NoteSigner } from '@meridian/audit/note/note-signer.ts';

export interface CoordinatorStore {
  database: OpenDatabase;
  ledger: Ledger;
  ledgerSigner: NoteSigner;
  close(): Promise<void>;
}

/**
 * The coordinator's own storage: rounds, checkpoints, the model registry and its
 * ledger, in `<dir>/pgdata` (PGlite) or `COORDINATOR_DATABASE_URL`. No personal data.
 */
export async function openCoordinatorStore(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<CoordinatorStore> {
  const database = await openDatabase(env.COORDINATOR_DATABASE_URL ? { url: env.COORDINATOR_DATABASE_URL } : { dataDir: join(dir, 'pgdata') });
  await migrateToLatest(database.db);
  const ledgerSigner = ed25519NoteSigner(ledgerOrigin('coordinator'), loadEd25519KeyFile(env.MERIDIAN_COORDINATOR_LEDGER_KEY_FILE, join(dir, 'ledger-key.pem')));
  return { database, ledgerSigner, ledger: postgresLedger({ db: database.db, signer: ledgerSigner }), close: () => database.close() };
}
