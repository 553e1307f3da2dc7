import { subject } from '@casl/ability';
import type { BrowserContext, Cookie, Page } from 'playwright-core';
import { defineConsoleAbility } from '@meridian/core/access/console-ability.ts';
import type { ConsoleAction } from '@meridian/core/access/console-action.ts';
import type { ConsoleGrant } from '@meridian/core/access/console-grant.ts';
import type { ConsoleSubjectType } from '@meridian/core/access/console-subject.ts';
import { OPEN_REQUEST_STATES } from '@meridian/core/access/open-request-states.ts';
import { REGIONS, type Region } from '@meridian/core/policy/region-profile.ts';
import { DEMO_USERS } from '../../src/lib/server/demo-users.ts';

/** One console account the matrix acts as, with the session cookies it signed in with. */
interface Actor {
  email: string;
  password: string;
  grants: ConsoleGrant[];
  id: string;
  cookies: Cookie[];
}

/** Accounts beyond the demo ones, created by the demo admin on the Users page (the console's own user management). */
const EXTRA: { email: string; grants: ConsoleGrant[] }[] = [
  { email: 'operator.eu-only@matrix.meridian', grants: [{ role: 'operator', region: 'eu' }] },
  { email: 'auditor.me-only@matrix.meridian', grants: [{ role: 'auditor', region: 'me' }] },
  { email: 'admin.eu-only@matrix.meridian', grants: [{ role: 'admin', region: 'eu' }] },
  { email: 'dpo-sea.auditor-eu@matrix.meridian', grants: [{ role: 'dpo', region: 'sea' }, { role: 'auditor', region: 'eu' }] },
  // Created with a role that is then removed: an account with no grant at all.
  { email: 'no-grants@matrix.meridian', grants: [] },
];
const EXTRA_PASSWORD = 'matrix-password-7731';

/**
 * What the region node of `region` would allow (its rule: only that region's
 * grants count), straight from `core/src/access` — never from the console's
 * permission adapter, which is what is under test.
 */
function expected(actor: Actor, region: Region, action: ConsoleAction, type: ConsoleSubjectType, fields: Record<string, string> = {}): boolean {
  return defineConsoleAbility({ userId: actor.id, grants: actor.grants }, { onlyRegion: region }).can(action, subject(type, { region, ...fields }) as never);
}
const anywhere = (actor: Actor, action: ConsoleAction, type: ConsoleSubjectType, fields: Record<string, string> = {}) =>
  REGIONS.some((r) => expected(actor, r, action, type, fields));

/**
 * Each page by the node procedure whose data it shows (regions/src/console/README.md):
 * it opens when that procedure is allowed in some region, and shows each region's data
 * (the `perRegion` selector) only where it is allowed there.
 */
const PAGES: { path: string; action: ConsoleAction; type: ConsoleSubjectType; perRegion?: (r: Region) => string }[] = [
  { path: '/requests', action: 'read', type: 'RightsRequest' },
  { path: '/nodes', action: 'read', type: 'NodeHealth', perRegion: (r) => `[data-testid="node-${r}"]` },
  { path: '/training', action: 'read', type: 'TrainingRound', perRegion: (r) => `[data-testid="training-${r}"]` },
  { path: '/checkpoints', action: 'read', type: 'LedgerCheckpoint', perRegion: (r) => `[data-testid="log-${r}"]` },
  { path: '/verify', action: 'download', type: 'EvidenceBundle' },
  { path: '/data-map', action: 'read', type: 'DataMap' },
  { path: '/users', action: 'manage', type: 'ConsoleUser', perRegion: (r) => `form[action="?/create"] select[name="region"] option:text-is("${r}")` },
];

interface Target {
  region: Region;
  id: string;
  type: string;
  status: string;
}

/** A request forged from inside a signed-in page (same origin: CSRF is not what refuses it). */
interface Forgery {
  cell: string;
  method: 'GET' | 'POST';
  url: string;
  form?: Record<string, string>;
  /** A form action called as `use:enhance` does, so the action's own answer is seen, not the page reloaded after it. */
  action?: boolean;
  want: 'refused' | 'ok';
}

async function signIn(context: BrowserContext, consoleUrl: string, email: string, password: string): Promise<Page> {
  await context.clearCookies();
  const page = await context.newPage();
  await page.goto(`${consoleUrl}/sign-in`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in') && !u.pathname.startsWith('/session'));
  return page;
}

async function actAs(context: BrowserContext, actor: Actor): Promise<void> {
  await context.clearCookies();
  await context.addCookies(actor.cookies);
}

/** The admin creates an account on the Users page and waits for the confirmation. */
async function createAccount(page: Page, email: string, grant: ConsoleGrant): Promise<void> {
  const form = page.locator('form[action="?/create"]');
  await form.getByLabel('E-mail').fill(email);
  await form.getByLabel('Name').fill(`Matrix ${email.split('@')[0]}`);
  await form.getByLabel(/Initial password/).fill(EXTRA_PASSWORD);
  await form.getByLabel('Role').selectOption(grant.role);
  await form.getByLabel('Region').selectOption(grant.region);
  await form.getByRole('button', { name: 'Create account' }).click();
  await page.locator('tbody tr', { hasText: email }).waitFor();
}

/** E-mail → console user id, and each account's grants, as the Users page lists them. */
async function listedUsers(page: Page): Promise<Map<string, { id: string; grants: string[] }>> {
  const rows = await page.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      email: tr.querySelector('td .muted.small')?.textContent?.trim() ?? '',
      id: (tr.querySelector('input[name="userId"]') as HTMLInputElement | null)?.value ?? '',
      grants: [...tr.querySelectorAll('.badge')].map((b) => b.textContent?.trim() ?? '').sort(),
    })),
  );
  return new Map(rows.map((r) => [r.email, { id: r.id, grants: r.grants }]));
}

/** What a request's page states about it that any change would alter (status, verification attempts, extension, ledger entries), as the all-regions auditor sees it. */
async function requestState(page: Page, consoleUrl: string, t: Target): Promise<string> {
  await page.goto(`${consoleUrl}/requests/${t.region}/${t.id}`);
  const facts = await page.locator('dl.facts').first().evaluate((dl) => {
    const out: Record<string, string> = {};
    for (const dt of dl.querySelectorAll('dt')) out[dt.textContent!.trim()] = dt.nextElementSibling?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    return out;
  });
  return JSON.stringify([facts['Status'], facts['Identity'], facts['Extended'] ?? null, facts['Ledger'] ?? null, facts['Decided by'] ?? null]);
}

/** Runs the forgeries from inside the page (the user's cookies, the console's own origin) and returns each HTTP status. */
async function forge(page: Page, forgeries: Forgery[]): Promise<number[]> {
  return page.evaluate(async (list) => {
    const statuses: number[] = [];
    for (const f of list) {
      const headers: Record<string, string> = f.action ? { accept: 'application/json', 'x-sveltekit-action': 'true' } : {};
      const res = await fetch(f.url, { method: f.method, headers, body: f.form ? new URLSearchParams(f.form) : undefined, credentials: 'same-origin', redirect: 'manual' });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    return statuses;
  }, forgeries);
}

/**
 * Issue 7's authorization matrix in the browser: every account (the demo ones
 * and accounts the admin creates: single-region operator, auditor and admin,
 * split grants, no grant) × every page × every request of every region × every
 * action. The expectation of each cell comes from `core/src/access`'s rules as
 * the region node applies them. A denied page answers 403 with no data and is
 * not in the menu; a denied action is not offered; and the denied action
 * forged from the signed-in page (same origin) is refused with 403 and changes
 * nothing (request states, ledger entries, accounts and grants compared before
 * and after). Returns the cells that went wrong (empty when all hold) and counts.
 *
 * @example
 * const { wrong } = await checkUiAuthorizationMatrix(browser.context, launch.consoleUrl, requestIds);
 * expect(wrong).toEqual([]);
 */
export async function checkUiAuthorizationMatrix(
  context: BrowserContext,
  consoleUrl: string,
  requests: { id: string; region: Region; type: string }[],
): Promise<{ wrong: string[]; allowed: number; denied: number; forged: number }> {
  const wrong: string[] = [];
  let allowed = 0;
  let denied = 0;
  const tally = (ok: boolean) => (ok ? allowed++ : denied++);

  // Accounts: the admin creates the extra ones through the Users page.
  const demoAdmin = DEMO_USERS.find((u) => u.grants.length === REGIONS.length && u.grants.every((g) => g.role === 'admin'))!;
  const adminPage = await signIn(context, consoleUrl, demoAdmin.email, demoAdmin.password);
  const adminCookies = await context.cookies();
  await adminPage.goto(`${consoleUrl}/users`);
  for (const x of EXTRA) await createAccount(adminPage, x.email, x.grants[0] ?? { role: 'auditor', region: 'sea' });
  const split = EXTRA.find((x) => x.grants.length > 1)!;
  for (const g of split.grants.slice(1)) {
    const row = adminPage.locator('tbody tr', { hasText: split.email });
    await row.getByLabel('Role').selectOption(g.role);
    await row.getByLabel('Region').selectOption(g.region);
    await row.getByRole('button', { name: 'Grant' }).click();
    await row.locator('.badge', { hasText: `${g.role} · ${g.region}` }).waitFor();
  }
  const ids = await listedUsers(adminPage);
  const nobody = EXTRA.find((x) => x.grants.length === 0)!;
  await adminPage.locator('tbody tr', { hasText: nobody.email }).getByRole('button', { name: /^Remove auditor in sea/ }).click();
  await adminPage.getByRole('status').filter({ hasText: 'Role removed' }).waitFor();
  const usersBefore = await listedUsers(adminPage);
  const accounts = [...DEMO_USERS.map((u) => ({ email: u.email, password: u.password, grants: [...u.grants] })), ...EXTRA.map((x) => ({ email: x.email, password: EXTRA_PASSWORD, grants: x.grants }))];
  const actors: Actor[] = [];
  for (const a of accounts) {
    const id = ids.get(a.email)?.id;
    if (!id) throw new Error(`the Users page does not list ${a.email}`);
    if (a.email === demoAdmin.email) {
      actors.push({ ...a, id, cookies: adminCookies });
      continue;
    }
    const page = await signIn(context, consoleUrl, a.email, a.password);
    actors.push({ ...a, id, cookies: await context.cookies() });
    await page.close();
  }
  const admin = actors.find((a) => a.email === demoAdmin.email)!;
  const auditor = actors.find((a) => a.grants.length === REGIONS.length && a.grants.every((g) => g.role === 'auditor'))!;
  const operatorEu = actors.find((a) => a.email === EXTRA[0]!.email)!;

  // The requests and their states now, as the all-regions auditor sees them.
  await actAs(context, auditor);
  const targets: Target[] = [];
  const before = new Map<string, string>();
  for (const r of requests) {
    const state = await requestState(adminPage, consoleUrl, { ...r, status: '' });
    targets.push({ ...r, status: JSON.parse(state)[0] as string });
    before.set(r.id, state);
  }

  let forged = 0;
  for (const actor of actors) {
    await actAs(context, actor);
    const page = adminPage;
    const who = `${actor.email} [${actor.grants.map((g) => `${g.role}:${g.region}`).join(',') || 'no grant'}]`;

    // Pages: open or refused, in the menu or not, and only allowed regions' data.
    await page.goto(`${consoleUrl}/`);
    const nav = await page.locator('nav[aria-label="Console"] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const p of PAGES) {
      const fields: Record<string, string> = p.type === 'ConsoleUser' ? { id: 'another-account' } : {};
      const want = anywhere(actor, p.action, p.type, fields);
      tally(want);
      const res = await page.goto(`${consoleUrl}${p.path}`);
      const status = res?.status() ?? 0;
      if (nav.includes(p.path) !== want) wrong.push(`${who} ${p.path}: in the menu ${nav.includes(p.path)}, expected ${want}`);
      if (!want) {
        const heading = await page.locator('h1').first().textContent();
        const data = await page.locator('main [data-testid], main table, tr[data-request-id]').count();
        if (status !== 403 || heading !== 'Not allowed' || data !== 0) wrong.push(`${who} ${p.path}: ${status} "${heading}" with ${data} data elements, expected the 403 denial with no data`);
        continue;
      }
      if (status !== 200) wrong.push(`${who} ${p.path}: ${status}, expected 200`);
      for (const region of REGIONS) {
        const here = expected(actor, region, p.action, p.type, fields);
        if (p.perRegion) {
          const shown = (await page.locator(p.perRegion(region)).count()) > 0;
          if (shown !== here) wrong.push(`${who} ${p.path}: ${region} shown ${shown}, expected ${here}`);
        } else if (p.path === '/requests') {
          await page.goto(`${consoleUrl}/requests?region=${region}`);
          const rows = await page.locator(`a[href^="/requests/${region}/"]`).count();
          if ((rows > 0) !== here) wrong.push(`${who} /requests?region=${region}: ${rows} requests of ${region} listed, expected ${here ? 'some' : 'none'}`);
        } else if (p.path === '/data-map') {
          await page.goto(`${consoleUrl}/data-map?region=${region}`);
          const shown = (await page.getByTestId('data-map').getAttribute('data-region')) === region;
          if (shown !== here) wrong.push(`${who} /data-map?region=${region}: shown ${shown}, expected ${here}`);
        }
      }
    }

    // Each request: its page, the actions offered on it, and every denied action forged.
    const forgeries: Forgery[] = [];
    for (const t of targets) {
      const base = `${consoleUrl}/requests/${t.region}/${t.id}`;
      const open = (OPEN_REQUEST_STATES as readonly string[]).includes(t.status);
      const onRequest = { status: t.status, type: t.type };
      const may = {
        read: expected(actor, t.region, 'read', 'RightsRequest', onRequest),
        verify: expected(actor, t.region, 'verify', 'RightsRequest', onRequest),
        approve: expected(actor, t.region, 'approve', 'RightsRequest', onRequest),
        deny: expected(actor, t.region, 'deny', 'RightsRequest', onRequest),
        extend: expected(actor, t.region, 'extend', 'RightsRequest', onRequest),
        subjectData: expected(actor, t.region, 'read', 'SubjectPersonalData', { requestStatus: t.status }),
        consentHistory: expected(actor, t.region, 'read', 'ConsentHistory', { requestStatus: t.status }),
        certificate: expected(actor, t.region, 'download', 'RightsRequest', onRequest),
        accessReport: expected(actor, t.region, 'download', 'AccessReport', { requestStatus: t.status, requestType: t.type }),
        evidence: expected(actor, t.region, 'download', 'EvidenceBundle'),
      };
      // Where the request's own lifecycle offers each control at all (the workflow, not a permission).
      const fits = {
        verify: t.status === 'received', approve: t.status === 'verified', deny: open && t.status !== 'executing', extend: open,
        subjectData: true, consentHistory: true, certificate: t.status === 'completed', accessReport: t.status === 'completed',
      };
      const controls = {
        verify: 'form[action="?/verify"]', approve: 'form[action="?/approve"]', deny: 'form[action="?/deny"]', extend: 'form[action="?/extend"]',
        subjectData: 'form[action="?/subjectData"]', consentHistory: 'form[action="?/consentHistory"]',
        certificate: '[data-testid="certificate-link"]', accessReport: `form[action$="/access-report"]`,
      };
      const cell = `${who} ${t.region} ${t.type} request [${t.status}]`;
      tally(may.read);
      const res = await page.goto(base);
      const status = res?.status() ?? 0;
      if (!may.read) {
        const data = await page.locator('[data-testid="status"], [data-testid="request-id"], dl.facts').count();
        if (status !== 403 || data !== 0) wrong.push(`${cell} page: ${status} with ${data} data elements, expected the 403 denial with no data`);
      } else if (status !== 200) wrong.push(`${cell} page: ${status}, expected 200`);
      for (const [name, selector] of Object.entries(controls) as [keyof typeof controls, string][]) {
        const want = may.read && may[name] && fits[name];
        const offered = (await page.locator(selector).count()) > 0;
        if (offered !== want) wrong.push(`${cell}: ${name} offered ${offered}, expected ${want}`);
      }
      const forms: Record<string, Record<string, string>> = {
        verify: { code: '000000' }, approve: {}, deny: { note: 'forged denial' }, extend: { days: '1', reason: 'forged extension reason' }, subjectData: {}, consentHistory: {},
      };
      for (const name of ['verify', 'approve', 'deny', 'extend', 'subjectData', 'consentHistory'] as const) {
        tally(may[name]);
        if (!may[name]) forgeries.push({ cell: `${cell}: ${name}`, method: 'POST', url: `${base}?/${name}`, form: forms[name], action: true, want: 'refused' });
      }
      tally(may.accessReport);
      if (!may.accessReport) forgeries.push({ cell: `${cell}: access report`, method: 'POST', url: `${base}/access-report`, form: { format: 'json' }, want: 'refused' });
      tally(may.certificate);
      // An allowed download is tried too where the request has one (a control that the refusals are not the only answer).
      if (!may.certificate || t.status === 'completed') forgeries.push({ cell: `${cell}: certificate`, method: 'GET', url: `${base}/certificate`, want: may.certificate ? 'ok' : 'refused' });
      tally(may.evidence);
      forgeries.push({ cell: `${cell}: evidence bundle`, method: 'GET', url: `${consoleUrl}/checkpoints/${t.region}/evidence?refId=${t.id}`, want: may.evidence ? 'ok' : 'refused' });
    }

    // DP aggregates and account management.
    tally(anywhere(actor, 'read', 'RoutingStats'));
    if (!anywhere(actor, 'read', 'RoutingStats')) forgeries.push({ cell: `${who}: release DP aggregates`, method: 'POST', url: `${consoleUrl}/nodes?/release`, form: { window: 'day' }, action: true, want: 'refused' });
    for (const region of REGIONS) {
      for (const [label, target, form] of [
        ['grant themself admin', actor.id, { userId: actor.id, role: 'admin', region }],
        [`grant ${operatorEu.email} dpo`, operatorEu.id, { userId: operatorEu.id, role: 'dpo', region }],
        [`remove ${operatorEu.email}'s operator role`, operatorEu.id, { userId: operatorEu.id, role: 'operator', region }],
        [`end ${admin.email}'s sessions`, admin.id, { userId: admin.id, region }],
        ['create an account', 'new-account', { email: `forged-${region}@matrix.meridian`, name: 'Forged', password: 'forged-password-123', role: 'admin', region }],
      ] as const) {
        const want = expected(actor, region, 'manage', 'ConsoleUser', { id: target });
        tally(want);
        if (want) continue;
        const action = label.startsWith('grant') ? 'grant' : label.startsWith('remove') ? 'revoke' : label.startsWith('end') ? 'signOut' : 'create';
        forgeries.push({ cell: `${who} ${region}: ${label}`, method: 'POST', url: `${consoleUrl}/users?/${action}`, form: { ...form }, action: true, want: 'refused' });
      }
    }

    await page.goto(`${consoleUrl}/no-access`);
    const statuses = await forge(page, forgeries);
    forged += forgeries.filter((f) => f.want === 'refused').length;
    forgeries.forEach((f, i) => {
      const s = statuses[i]!;
      if (f.want === 'refused' ? s !== 403 : s !== 200) wrong.push(`${f.cell} forged: ${s}, expected ${f.want === 'refused' ? 403 : 200}`);
    });
  }

  // Nothing changed: the requests and the accounts are as before.
  await actAs(context, auditor);
  for (const t of targets) {
    const after = await requestState(adminPage, consoleUrl, t);
    if (after !== before.get(t.id)) wrong.push(`${t.region} ${t.type} request changed: ${before.get(t.id)} -> ${after}`);
  }
  await actAs(context, admin);
  await adminPage.goto(`${consoleUrl}/users`);
  const usersAfter = await listedUsers(adminPage);
  const view = (m: Map<string, { id: string; grants: string[] }>) => JSON.stringify([...m.entries()].map(([e, u]) => [e, u.id, u.grants]).sort());
  if (view(usersAfter) !== view(usersBefore)) wrong.push(`accounts or grants changed: ${view(usersBefore)} -> ${view(usersAfter)}`);
  await adminPage.close();
  return { wrong, allowed, denied, forged };
}
