import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchLocal, regionClient, type LocalDeployment } from '@meridian/infra/launcher/launch-local.ts';
import { demoRecordsFor } from '@meridian/infra/launcher/demo-source.ts';
import type { DemoInbox } from '@meridian/infra/launcher/demo-requests.ts';

/** Seeded personal values that must never show up for an operator or an auditor. */
export const CANARY = {
  externalId: 'canary-cust-7731',
  name: 'Zephyrine Canaryworth',
  email: 'zephyrine.canary7731@example.org',
  phone: '+49 151 77317731',
  orderRef: 'ORD-CANARY-7731',
  text: 'Zephyrine here: parcel ORD-CANARY-7731 never reached Kanarienweg 7731',
};

/**
 * Sign-ins allowed per client address and minute in the e2e launch: every test
 * signs in from 127.0.0.1, the authorization matrix alone as 11 accounts.
 */
export const LOGIN_RATE_LIMIT = { window: 60, max: 24 };

export interface E2eLaunch {
  deployment: LocalDeployment;
  consoleUrl: string;
  inbox(): DemoInbox;
  stop(): Promise<void>;
}

/**
 * What `npm start` runs (infra/src/launcher/launch-local.ts), in a throwaway
 * data directory, with fewer demo customers and one short training round so
 * it is quick, plus a canary customer in the EU with a rights request.
 */
export async function launchForE2e(): Promise<E2eLaunch> {
  const dataDir = mkdtempSync(join(tmpdir(), 'meridian-e2e-'));
  const deployment = await launchLocal({
    dataDir,
    host: '127.0.0.1',
    basePort: 0,
    initialRounds: 1,
    maxTrainPerSource: 200,
    demo: (region) => demoRecordsFor(region, { customers: 12 }).records,
    console: { port: 0, loginRateLimit: LOGIN_RATE_LIMIT },
    // Witnesses cosign every 2 s, so a certificate's checkpoint is cosigned moments after the request completes.
    checkpointIntervalMs: 2_000,
    logLevel: 'warn',
  });
  const eu = deployment.regions.find((r) => r.region === 'eu')!;
  const client = regionClient(eu.url, readFileSync(deployment.caFile, 'utf8'), deployment.token);
  await client.ingest.message.mutate({
    sourceMessageId: 'canary-1', channel: 'email', sentAt: new Date().toISOString(), text: CANARY.text, language: 'en', orderRef: CANARY.orderRef,
    subject: { externalId: CANARY.externalId, homeRegion: 'eu', country: 'DE', name: CANARY.name, email: CANARY.email, phone: CANARY.phone },
    consents: [{ purpose: 'model_training', granted: true }],
  });
  await client.rights.submit.mutate({ type: 'access', externalId: CANARY.externalId, contact: { channel: 'email', value: CANARY.email } });
  return {
    deployment,
    consoleUrl: deployment.consoleUrl!,
    inbox: () => JSON.parse(readFileSync(deployment.demoRequests!.inboxFile, 'utf8')) as DemoInbox,
    async stop() {
      await deployment.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
