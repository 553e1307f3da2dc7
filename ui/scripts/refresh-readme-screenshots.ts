/**
 * Refreshes the README's console screenshots (docs/console-*.png): launches
 * the system as `npm start` does (in a throwaway data directory), signs in as
 * a DPO, an operator and an auditor in headless Chromium, and captures their
 * main views. Run: `npm run screenshots -w @meridian/ui`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { freshChromium } from '../test/e2e/chromium.ts';
import { launchForE2e } from '../test/e2e/launch-for-e2e.ts';

const DOCS = fileURLToPath(new URL('../../docs/', import.meta.url));
const VIEWS = [
  { who: 'dpo.eu@demo.meridian', password: 'meridian-demo-dpo', path: '/requests', file: 'console-dpo-queue.png' },
  { who: 'operator@demo.meridian', password: 'meridian-demo-operator', path: '/nodes', file: 'console-operator-nodes.png', release: true },
  { who: 'auditor@demo.meridian', password: 'meridian-demo-auditor', path: '/checkpoints', file: 'console-auditor-checkpoints.png' },
];

async function signIn(context: BrowserContext, url: string, email: string, password: string) {
  const page = await context.newPage();
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in') && !u.pathname.startsWith('/session'));
  return page;
}

process.env.LOG_LEVEL ??= 'warn';
mkdirSync(DOCS, { recursive: true });
const launch = await launchForE2e();
try {
  for (const v of VIEWS) {
    const browser = await freshChromium();
    try {
      const page = await signIn(browser.context, launch.consoleUrl, v.who, v.password);
      await page.goto(`${launch.consoleUrl}${v.path}`);
      if (v.release) await page.getByRole('button', { name: /Release fresh aggregates/ }).click();
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(DOCS, v.file), fullPage: false });
      console.log(`docs/${v.file}`);
    } finally {
      await browser.close();
    }
  }
} finally {
  await launch.stop();
}
