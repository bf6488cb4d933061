// Debian's Chromium driven by playwright-core (no browser download), one fresh profile each.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

/** A browser speaking `locale` (navigator.languages), with an empty profile of its own. */
export async function openBrowser(options: { baseURL: string; locale: string; timezoneId?: string }): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, `--lang=${options.locale}`],
    locale: options.locale,
    timezoneId: options.timezoneId,
    baseURL: options.baseURL,
    viewport: { width: 1280, height: 860 },
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The CSRF token of the page's session, for API calls made beside the UI (another agent's change). */
export async function csrfToken(page: Page): Promise<string> {
  const response = await page.request.get('/api/v1/auth/me');
  if (!response.ok()) throw new Error(`GET /api/v1/auth/me answered ${response.status()}`);
  return ((await response.json()) as { csrf_token: string }).csrf_token;
}
