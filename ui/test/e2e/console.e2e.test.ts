import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { freshChromium } from './chromium.ts';
import { CANARY, LOGIN_RATE_LIMIT, launchForE2e, type E2eLaunch } from './launch-for-e2e.ts';
import { checkUiAuthorizationMatrix } from './ui-authorization-matrix.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Screenshots of each main page, for people to look at (not committed: /test-artifacts is ignored). */
const ARTIFACTS = join(ROOT, 'test-artifacts', 'ui');
const run = promisify(execFile);

const USERS = {
  dpo: { email: 'dpo.eu@demo.meridian', password: 'meridian-demo-dpo' },
  operator: { email: 'operator@demo.meridian', password: 'meridian-demo-operator' },
  auditor: { email: 'auditor@demo.meridian', password: 'meridian-demo-auditor' },
};

let launch: E2eLaunch;
let browser: Awaited<ReturnType<typeof freshChromium>>;

async function signIn(context: BrowserContext, who: keyof typeof USERS): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${launch.consoleUrl}/sign-in`);
  await page.getByLabel('E-mail').fill(USERS[who].email);
  await page.getByLabel('Password').fill(USERS[who].password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in') && !u.pathname.startsWith('/session'));
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

describe('the console in Chromium against the launcher', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    launch = await launchForE2e();
    browser = await freshChromium();
  }, 900_000);
  afterAll(async () => {
    await browser?.close();
    await launch?.stop();
  }, 120_000);

  it('a DPO finds a demo erasure request, verifies, approves, watches it complete and downloads a certificate that `meridian verify` accepts', async () => {
    const context = browser.context;
    const page = await signIn(context, 'dpo');
    expect(new URL(page.url()).pathname).toBe('/requests');
    await shot(page, 'dpo-queue');
    const [id, mail] = Object.entries(launch.inbox().codes).find(([, c]) => c.region === 'eu' && c.type === 'erasure')!;
    const row = page.locator(`tr[data-request-id="${id}"]`);
    await expect.poll(() => row.count()).toBe(1);
    await row.getByRole('link').click();
    await page.waitForURL(`**/requests/eu/${id}`);
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('received');
    await shot(page, 'dpo-request');

    await page.getByLabel(/One-time code/).fill(mail.code);
    await page.getByRole('button', { name: 'Verify identity' }).click();
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('verified');
    await page.getByRole('button', { name: 'Approve and execute' }).click();
    // The node's worker executes it within seconds; the page follows on its own.
    await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 60_000 }).toBe('completed');
    // The certificate's checkpoint gets the other regions' witness cosignatures (the trust file asks for one).
    await expect.poll(() => page.getByTestId('witnessed').getAttribute('data-cosigned'), { timeout: 30_000 }).toBe('yes');
    await shot(page, 'dpo-request-completed');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('certificate-link').click()]);
    const certFile = join(ARTIFACTS, 'certificate.json');
    await download.saveAs(certFile);
    const cert = JSON.parse(readFileSync(certFile, 'utf8')) as { evidence: unknown; requestId?: string };
    const evidenceFile = join(ARTIFACTS, 'certificate.evidence.json');
    writeFileSync(evidenceFile, JSON.stringify(cert.evidence));
    const verified = await run(process.execPath, [join(ROOT, 'infra/src/cli/meridian.ts'), 'verify', evidenceFile, '--trust', launch.deployment.trustFile], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn' } });
    expect(verified.stdout).toContain('RESULT: VERIFIED');

    // A doctored copy is refused by the same command.
    const doctored = JSON.parse(JSON.stringify(cert.evidence)) as { entries: { leaf: string }[] };
    doctored.entries[0]!.leaf = Buffer.from(Buffer.from(doctored.entries[0]!.leaf, 'base64').toString('utf8').replace('"time":"2', '"time":"3')).toString('base64');
    writeFileSync(join(ARTIFACTS, 'doctored.json'), JSON.stringify(doctored));
    await expect(run(process.execPath, [join(ROOT, 'infra/src/cli/meridian.ts'), 'verify', join(ARTIFACTS, 'doctored.json'), '--trust', launch.deployment.trustFile], { cwd: ROOT })).rejects.toMatchObject({ code: 1 });
    await page.goto(`${launch.consoleUrl}/data-map`);
    await shot(page, 'dpo-data-map');
    await page.close();
  }, 180_000);

  it('an auditor verifies that evidence in the browser (pass), and a doctored copy (fail)', async () => {
    const own = await freshChromium();
    const page = await signIn(own.context, 'auditor');
    await page.goto(`${launch.consoleUrl}/checkpoints`);
    await expect.poll(() => page.getByTestId('log-eu').textContent()).toContain('entries in the log');
    await shot(page, 'auditor-checkpoints');
    await page.goto(`${launch.consoleUrl}/verify`);
    await page.getByTestId('bundle-input').fill(readFileSync(join(ARTIFACTS, 'certificate.evidence.json'), 'utf8'));
    await page.getByRole('button', { name: 'Verify in this browser' }).click();
    await expect.poll(() => page.getByTestId('verdict').getAttribute('data-ok')).toBe('true');
    await shot(page, 'auditor-verify');
    await page.getByTestId('bundle-input').fill(readFileSync(join(ARTIFACTS, 'doctored.json'), 'utf8'));
    await page.getByRole('button', { name: 'Verify in this browser' }).click();
    await expect.poll(() => page.getByTestId('verdict').getAttribute('data-ok')).toBe('false');
    await own.close();
  }, 120_000);

  it('an operator sees node health and releases DP aggregates charged to their budget', async () => {
    const own = await freshChromium();
    const page = await signIn(own.context, 'operator');
    expect(new URL(page.url()).pathname).toBe('/nodes');
    await expect.poll(() => page.getByTestId('node-eu').textContent()).toContain('Database');
    await expect.poll(() => page.getByTestId('dp-budget').textContent()).toContain('0.00 spent');
    await page.getByRole('button', { name: /Release fresh aggregates/ }).click();
    await expect.poll(() => page.getByTestId('dp-budget').textContent()).toContain('1.20 spent');
    await shot(page, 'operator-nodes');
    await page.goto(`${launch.consoleUrl}/training`);
    await shot(page, 'operator-training');
    await own.close();
  }, 120_000);

  it('a crawl of every page as operator and as auditor finds no seeded personal value', async () => {
    const canaries = [CANARY.name, CANARY.email, CANARY.phone, CANARY.orderRef, CANARY.text, 'Kanarienweg', CANARY.externalId];
    const pages = { operator: ['/nodes', '/training'], auditor: ['/requests', '/training', '/checkpoints', '/verify', '/data-map'] };
    for (const who of ['operator', 'auditor'] as const) {
      const own = await freshChromium();
      const context = own.context;
      await signIn(context, who);
      const seen = new Set<string>();
      const queue = ['/'];
      const bodies: string[] = [];
      while (queue.length && seen.size < 80) {
        const path = queue.shift()!;
        if (seen.has(path)) continue;
        seen.add(path);
        const res = await context.request.get(`${launch.consoleUrl}${path}`, { maxRedirects: 5 });
        const body = await res.text();
        bodies.push(body);
        for (const m of body.matchAll(/href="(\/[^"#]*)"/g)) {
          const next = m[1]!.replaceAll('&amp;', '&');
          if (!seen.has(next) && !next.startsWith('/_app') && !next.startsWith('/session')) queue.push(next);
        }
      }
      for (const p of pages[who]) expect(seen, `${who} crawled ${p}`).toContain(p);
      if (who === 'auditor') expect([...seen].filter((p) => /^\/requests\/eu\/[0-9a-f-]{36}$/.test(p)).length).toBeGreaterThan(1);
      const all = bodies.join('\n');
      for (const c of canaries) expect(all, `${who} saw ${c}`).not.toContain(c);
      await own.close();
    }
    // The control: the DPO of the canary's region does see the canary, inside the open request, once they ask.
    const dpo = await freshChromium();
    const context = dpo.context;
    const page = await signIn(context, 'dpo');
    const res = await context.request.get(`${launch.consoleUrl}/requests?region=eu&type=access`);
    const ids = [...(await res.text()).matchAll(/data-request-id="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
    let found = false;
    for (const id of ids) {
      await page.goto(`${launch.consoleUrl}/requests/eu/${id}`);
      await page.getByRole('button', { name: 'Show their data' }).click();
      await expect.poll(() => page.getByTestId('subject-data').count()).toBe(1);
      if ((await page.getByTestId('subject-data').textContent())?.includes(CANARY.email)) found = true;
    }
    expect(found).toBe(true);
    await dpo.close();
  }, 180_000);

  it('a session cookie is not accepted after sign-out', async () => {
    const own = await freshChromium();
    const context = own.context;
    const page = await signIn(context, 'auditor');
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === '__Secure-meridian.session_token')!;
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict' });
    const header = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const before = await fetchConsole('/checkpoints', { cookie: header });
    expect(before.status).toBe(200);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in?signed-out=1');
    const replay = await fetchConsole('/checkpoints', { cookie: header });
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toBe('/sign-in');
    await own.close();
  }, 60_000);

  it('refuses cross-site requests: a form on another site cannot act with the user’s session', async () => {
    const own = await freshChromium();
    const context = own.context;
    const page = await signIn(context, 'dpo');
    const [id] = Object.entries(launch.inbox().codes).find(([, c]) => c.region === 'eu' && c.type === 'access')!;
    // An attacker's page on another origin auto-submits a form to the console.
    const evil = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<form id=f method=POST action="${launch.consoleUrl}/requests/eu/${id}?/deny"><input name=note value="forged denial"></form><script>f.submit()</script>`);
    });
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', () => r()));
    const attack = await context.newPage();
    const answer = attack.waitForResponse((r) => r.url().includes(`/requests/eu/${id}`));
    await attack.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
    expect((await answer).status()).toBe(403);
    evil.close();
    // Same from a script that holds the cookie but not the console's origin.
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const forged = await fetchConsole(`/requests/eu/${id}?/deny`, { cookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, 'POST', 'note=forged+denial');
    expect(forged.status).toBe(403);
    await page.goto(`${launch.consoleUrl}/requests/eu/${id}`);
    expect(await page.getByTestId('status').textContent()).toBe('received');
    await own.close();
  }, 60_000);

  it('authorization matrix in the browser: every account × page × request × action, each denial shown as such and its forgery refused without effect', async () => {
    const own = await freshChromium();
    const requests = Object.entries(launch.inbox().codes).map(([id, c]) => ({ id, region: c.region, type: c.type }));
    expect(new Set(requests.map((r) => r.region)).size).toBe(3);
    const { wrong, allowed, denied, forged } = await checkUiAuthorizationMatrix(own.context, launch.consoleUrl, requests);
    await own.close();
    expect(wrong, wrong.join('\n')).toEqual([]);
    expect(allowed).toBeGreaterThan(0);
    expect(denied).toBeGreaterThan(allowed);
    expect(forged).toBeGreaterThan(0);
  }, 180_000);

  it('rate-limits sign-in from one address, even with the right password afterwards', async () => {
    const own = await freshChromium();
    const context = own.context;
    const page = await context.newPage();
    let limited = false;
    for (let i = 0; i < LOGIN_RATE_LIMIT.max + 4 && !limited; i++) {
      await page.goto(`${launch.consoleUrl}/sign-in`);
      await page.getByLabel('E-mail').fill(USERS.operator.email);
      await page.getByLabel('Password').fill('not the password at all');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL('**/sign-in?error=*');
      limited = page.url().endsWith('error=rate');
    }
    expect(limited).toBe(true);
    await page.getByLabel('E-mail').fill(USERS.operator.email);
    await page.getByLabel('Password').fill(USERS.operator.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/sign-in?error=rate');
    await own.close();
  }, 60_000);
});

/** A raw HTTPS request to the console (undici, trusting the launcher's CA), without following redirects. */
async function fetchConsole(path: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<Response> {
  const { Agent } = await import('undici');
  const dispatcher = new Agent({ connect: { ca: readFileSync(launch.deployment.caFile, 'utf8') } });
  return fetch(`${launch.consoleUrl}${path}`, { method, headers, body, redirect: 'manual', dispatcher } as RequestInit);
}
