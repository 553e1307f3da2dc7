import { DIALECTS, freshDatabase, type TestDatabase } from '../../../test/databases.ts';
import type { DialectName } from '@meridian/core/db/open-database.ts';
import { postgresLedger } from '../../src/ledger/postgres/postgres-ledger.ts';
import type { Ledger } from '../../src/ledger/ledger.ts';
import { createWitness } from '../../src/witness/create-witness.ts';
import type { Witness } from '../../src/witness/witness.ts';
import type { WitnessAlarm } from '../../src/witness/witness-alarm.ts';
import { vkey } from '../../src/note/vkey.ts';
import { formatTrustFile } from '../../src/trust/format-trust-file.ts';
import type { NoteSigner } from '../../src/note/note-signer.ts';
import { logKey, witnessKey } from './ledger-keys.ts';

export { DIALECTS };

/** One region's log (eu) and two witnesses (sea, me), each on its own database of `dialect`. */
export interface FederationFixture {
  region: TestDatabase;
  ledger: Ledger;
  logSigner: NoteSigner;
  logVkey: string;
  witnesses: Witness[];
  witnessDbs: TestDatabase[];
  alarms: WitnessAlarm[];
  /** `meridian-trust/v1` JSON trusting the eu log and both witnesses (quorum 2). */
  trustFile: string;
  close(): Promise<void>;
}

export async function federationFixture(dialect: DialectName, origin = 'meridian.test/ledger/eu'): Promise<FederationFixture> {
  const log = logKey(origin);
  const [region, seaDb, meDb] = await Promise.all([freshDatabase(dialect), freshDatabase(dialect), freshDatabase(dialect)]);
  const ledger = postgresLedger({ db: region.db, signer: log.signer });
  const alarms: WitnessAlarm[] = [];
  const logVerifier = vkey.parse(log.vkey);
  const witnesses = [
    { db: seaDb, key: witnessKey('meridian.test/witness/sea') },
    { db: meDb, key: witnessKey('meridian.test/witness/me') },
  ].map((w) =>
    createWitness({
      db: w.db.db,
      cosigner: w.key.cosigner,
      logs: [logVerifier],
      consistencyProofs: async (_origin, from, to) => (await ledger.consistencyProof(from, to)).hashes,
      onAlarm: (a) => alarms.push(a),
    }),
  );
  const trustFile = formatTrustFile({ logs: [logVerifier], witnesses: witnesses.map((w) => vkey.parse(w.vkey)), witnessQuorum: 2 });
  return {
    region, ledger, logSigner: log.signer, logVkey: log.vkey, witnesses, witnessDbs: [seaDb, meDb], alarms, trustFile,
    close: async () => {
      await Promise.all([region.close(), seaDb.close(), meDb.close()]);
    },
  };
}
