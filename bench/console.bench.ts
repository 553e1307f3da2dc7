import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openDatabase } from '@meridian/core/db/open-database.ts';
import { keyringFromFile, newKeyringFile } from '@meridian/core/crypto/region-keyring.ts';
import { createLogger } from '@meridian/core/logging/create-logger.ts';
import { consoleTrust } from '@meridian/core/access/console-trust.ts';
import { openRegionNode } from '@meridian/regions/node/open-region-node.ts';
import { runRegionService } from '@meridian/regions/server/run-region-service.ts';
import { startThrowawayCluster, createDatabase } from '@meridian/infra/postgres/throwaway-cluster.ts';
import { localCertificateAuthority, issueLocalCertificate } from '@meridian/infra/launcher/local-certificates.ts';
import { consoleSigningKey, startConsoleProcess } from '@meridian/infra/launcher/console-process.ts';
import { freshChromium } from '../ui/test/e2e/chromium.ts';
import { machineInfo, writeBenchResult } from './bench-result.ts';

const OPEN_REQUESTS = Number(process.env.BENCH_CONSOLE_REQUESTS ?? 10_000);
const INTERACTIONS = Number(process.env.BENCH_CONSOLE_MESSAGES ?? 1_000_000);
const SUBJECTS = 20_000;
const RUNS = 7;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The DPO's queue page in real Chromium with 10,000 open requests and 1M
 * stored interactions on a region node (PostgreSQL): time from navigation to
 * an interactive page (the first request link visible and the app hydrated),
 * against the sign-in page (the stack's floor) in the same browser.
 */
export default async function consoleBench(): Promise<void> {
  const cluster = await startThrowawayCluster();
  const dataDir = mkdtempSync(join(tmpdir(), 'meridian-console-bench-'));
  try {
    const url = await createDatabase(cluster.url, 'console_bench');
    const database = await openDatabase({ url, poolSize: 8 });
    const node = await openRegionNode({ region: 'eu', database, keyring: keyringFromFile(newKeyringFile()), logger: createLogger({ component: 'bench' }) });
    const t0 = performance.now();
    // Bulk rows with random ciphertext: the queue never opens them, and the pipeline's own cost is the ingest bench's subject.
    await sql`insert into subjects (id, region, jurisdiction, external_ref_bidx, created_at, last_activity_at)
      select gen_random_uuid(), 'eu', 'EU-GDPR', sha256(('s' || g)::bytea), now() - (g || ' minutes')::interval, now() from generate_series(1, ${SUBJECTS}::int) g`.execute(node.db);
    await sql`create temporary table bench_subjects as select id, row_number() over () as n from subjects`.execute(node.db);
    for (let done = 0; done < INTERACTIONS; done += 200_000) {
      const n = Math.min(200_000, INTERACTIONS - done);
      await sql`insert into messages (id, subject_id, dedupe_key, channel, direction, body_ct, sent_at, received_at, route)
        select gen_random_uuid(), s.id, sha256(('m' || g)::bytea), (array['chat','email','whatsapp'])[1 + g % 3], 'inbound', sha256(('b' || g)::bytea),
               now() - (g || ' seconds')::interval, now() - (g || ' seconds')::interval, (array['bot','person','expert'])[1 + g % 3]
        from generate_series(${done + 1}::int, ${done + n}::int) g join bench_subjects s on s.n = 1 + g % ${SUBJECTS}::int`.execute(node.db);
    }
    await sql`insert into rights_requests (id, type, status, jurisdiction, requested_by, received_at, statutory_deadline_at, target_at)
      select gen_random_uuid(), (array['erasure','access','rectification','restriction','objection','opt_out_sale'])[1 + g % 6],
             (array['received','verified','approved'])[1 + g % 3], 'EU-GDPR', 'bench',
             now() - (g % 40 || ' days')::interval, now() - (g % 40 || ' days')::interval + interval '30 days', now() - (g % 40 || ' days')::interval + interval '24 hours'
      from generate_series(1, ${OPEN_REQUESTS}::int) g`.execute(node.db);
    await sql`analyze`.execute(node.db);
    const seedSeconds = (performance.now() - t0) / 1000;

    const ca = localCertificateAuthority(dataDir);
    const cert = issueLocalCertificate(ca, dataDir, 'eu-node', 'eu', 'region', node.ledgerSigner.publicKey);
    const service = await runRegionService(node, { host: '127.0.0.1', port: 0, tls: { key: cert.keyPem, cert: cert.certPem }, tokens: [], consoleTrust: consoleTrust([consoleSigningKey(dataDir).publicKey]), rightsIntervalMs: 3_600_000 });
    const web = await startConsoleProcess({ dataDir, host: '127.0.0.1', port: 0, ca, caFile: join(dataDir, 'ca', 'ca.pem'), regions: { eu: service.server.url }, coordinatorUrl: 'http://127.0.0.1:9', trustFile: join(dataDir, 'none.json'), logLevel: 'warn', loginRateLimit: { window: 60, max: 100 } });
    const browser = await freshChromium();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${web.url}/sign-in`);
      await page.getByLabel('E-mail').fill('dpo.eu@demo.meridian');
      await page.getByLabel('Password').fill('meridian-demo-dpo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL('**/requests');
      const queue: number[] = [];
      const floor: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        let t = performance.now();
        await page.goto(`${web.url}/requests?region=eu`, { waitUntil: 'commit' });
        await page.locator('tr[data-request-id] a').first().waitFor({ state: 'visible' });
        // Interactive: the app has hydrated (the root layout marks <html> once mounted), so links route and countdowns tick.
        await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
        await page.waitForLoadState('load');
        queue.push(performance.now() - t);
        t = performance.now();
        await page.goto(`${web.url}/no-access`, { waitUntil: 'load' });
        floor.push(performance.now() - t);
      }
      const rows = await (async () => {
        await page.goto(`${web.url}/requests?region=eu`);
        return page.locator('tr[data-request-id]').count();
      })();
      const open = await page.locator('main p.muted').first().textContent();
      const measured = median(queue);
      const baseline = median(floor);
      const path = writeBenchResult(
        {
          benchmark: 'console',
          measured: { name: 'queue page interactive (median of 7)', value: measured, unit: 'ms' },
          baseline: { name: 'a page with no region call, same browser and session', value: baseline, unit: 'ms' },
          ratio: measured / baseline,
          target: 'queue page interactive < 1000 ms in Chromium with 10,000 open requests and 1M interactions',
          met: measured < 1000,
          details: { openRequests: OPEN_REQUESTS, interactions: INTERACTIONS, subjects: SUBJECTS, rowsOnPage: rows, header: open, queueRunsMs: queue.map(Math.round), floorRunsMs: floor.map(Math.round), seedSeconds: Math.round(seedSeconds) },
          notes: [
            'The node pages the queue by keyset (deadline in force, target, id), 50 rows a page, so the page costs the same at any queue length.',
            'Rows are bulk-inserted with random ciphertext (the queue never decrypts); the full ingestion pipeline is measured by the ingest bench.',
          ],
        },
        machineInfo((await sql<{ v: string }>`select version() as v`.execute(node.db)).rows[0]!.v.split(' on ')[0]),
      );
      console.log(`console: queue page interactive in ${measured.toFixed(0)} ms (floor ${baseline.toFixed(0)} ms) with ${OPEN_REQUESTS} open requests; ${path}`);
    } finally {
      await browser.close();
      await web.stop();
      await service.stop();
    }
  } finally {
    await cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
