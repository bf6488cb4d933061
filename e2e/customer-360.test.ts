// The customer page in a real browser: from a ticket's customer panel to /customers/:id; adding
// an address that belongs to a duplicate customer offers the merge, the preview says what moves,
// and after it the duplicate's ticket, address and tags are here and the merge is in the
// history; the merged address is made primary, notes are written. Then the page in Chinese.
// Screenshots go to .test-data/screenshots (artifacts, not committed).
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfToken, openBrowser, type Browser } from './support/browser.ts';
import { ensureWebBuilt, repoRoot, startProduct, type Product } from './support/product.ts';

const owner = { name: 'Ada Owner', email: 'ada@acme.example', password: 'correct horse battery' };
const shots = path.join(repoRoot, '.test-data', 'screenshots');

let product: Product;
const browsers: Browser[] = [];
let ada: Page;
let zhangId = '';
let duplicateId = '';
let ticketId = '';

async function signIn(locale: string): Promise<Page> {
  const browser = await openBrowser({ baseURL: product.url, locale, timezoneId: 'Asia/Shanghai' });
  browsers.push(browser);
  const page = browser.page;
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto('/sign-in');
  await page.getByTestId('sign-in-form').locator('input').first().fill(owner.email);
  await page.locator('input[type="password"]').first().fill(owner.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(/\/tickets$/);
  return page;
}

async function api(page: Page, method: 'POST' | 'PATCH' | 'GET', url: string, data?: unknown) {
  const response = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': await csrfToken(page) } });
  expect(response.ok(), `${method} ${url}: ${response.status()} ${await response.text()}`).toBe(true);
  return response.json();
}

beforeAll(async () => {
  ensureWebBuilt();
  fs.mkdirSync(shots, { recursive: true });
  product = await startProduct();
  product.cli('tenant', 'create', '--name', 'Acme Trading', '--owner-email', owner.email, '--owner-password', owner.password, '--owner-name', owner.name);
  ada = await signIn('en-US');
  const me = (await api(ada, 'GET', '/api/v1/auth/me')) as { user: { id: string } };
  await api(ada, 'PATCH', `/api/v1/users/${me.user.id}`, { locale: 'en' });
  zhangId = ((await api(ada, 'POST', '/api/v1/users', { role: 'customer', name: 'Zhang Wei', email: 'zhang.wei@corp.example', vip_level: 2, tags: ['wholesale'] })) as { id: string }).id;
  duplicateId = ((await api(ada, 'POST', '/api/v1/users', { role: 'customer', name: 'Wei Zhang', email: 'weizhang@mail.example', tags: ['returns'] })) as { id: string }).id;
  ticketId = ((await api(ada, 'POST', '/api/v1/tickets', { subject: 'Invoice for order 7710', requester_id: zhangId, via: 'phone', comment: { body: 'Please send the invoice.' } })) as { id: string }).id;
  await api(ada, 'POST', '/api/v1/tickets', { subject: 'Return of a broken kettle', requester_id: duplicateId, via: 'email', comment: { body: 'The kettle arrived broken.' } });
}, 180_000);

afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await product?.stop();
});

describe('the customer page', () => {
  it('opens from the ticket page’s customer panel', async () => {
    await ada.goto(`/tickets/${ticketId}`);
    await ada.getByTestId('customer-page-link').click();
    await ada.waitForURL(new RegExp(`/customers/${zhangId}$`));
    await ada.getByTestId('customer-name').getByText('Zhang Wei').waitFor();
    await ada.getByTestId('customer-vip').getByText('VIP 2').waitFor();
    await ada.getByTestId('customer-tickets').getByRole('link', { name: 'Invoice for order 7710' }).waitFor();
  });

  it('opens from a requester’s name in the ticket list', async () => {
    await ada.goto('/tickets');
    const row = ada.locator('tr', { has: ada.getByRole('link', { name: 'Invoice for order 7710' }) });
    await row.getByTestId('requester-link').getByText('Zhang Wei').click();
    await ada.waitForURL(new RegExp(`/customers/${zhangId}$`));
    await ada.getByTestId('customer-name').getByText('Zhang Wei').waitFor();
  });

  it('offers to merge the customer who owns an address, shows what moves, and merges', async () => {
    const identities = ada.getByTestId('customer-identities');
    await identities.getByTestId('identity-value-input').fill('WeiZhang@mail.example');
    await identities.getByTestId('identity-add').click();
    await identities.getByTestId('identity-taken').waitFor();
    await identities.getByTestId('identity-merge-owner').click();

    const dialog = ada.getByTestId('merge-dialog');
    const preview = dialog.getByTestId('merge-preview');
    await preview.getByText('1 ticket', { exact: true }).waitFor();
    await preview.getByText('Email: weizhang@mail.example').waitFor();
    await preview.getByText('returns').waitFor();
    await ada.screenshot({ path: path.join(shots, 'customer-merge-dialog-en.png') });
    await ada.getByRole('button', { name: 'Merge', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    await ada.getByTestId('customer-tickets').getByRole('link', { name: 'Return of a broken kettle' }).waitFor();
    await identities.getByTestId('identity-value').getByText('weizhang@mail.example').waitFor();
    await ada.getByTestId('customer-header').getByText('returns').waitFor();
    await ada.getByRole('tab', { name: 'History' }).click();
    await ada.getByTestId('history-merged_in').getByText('Ada Owner merged Wei Zhang into this customer').waitFor();

    const retired = (await api(ada, 'GET', `/api/v1/customers/${duplicateId}`)) as { merged_into_id: string; active: boolean };
    expect(retired).toMatchObject({ merged_into_id: zhangId, active: false });
  });

  it('makes the merged address primary and keeps notes', async () => {
    const row = ada.getByTestId('identity-row').filter({ hasText: 'weizhang@mail.example' });
    await row.getByTestId('identity-make-primary').click();
    await ada.getByTestId('customer-header').getByText('weizhang@mail.example').waitFor();

    await ada.getByTestId('notes-edit').click();
    await ada.getByTestId('notes-input').fill('Prefers phone calls after 6 pm.');
    await ada.getByTestId('notes-save').click();
    await ada.getByTestId('notes-text').getByText('Prefers phone calls after 6 pm.').waitFor();
    await ada.getByRole('tab', { name: 'Tickets' }).click();
    await ada.screenshot({ path: path.join(shots, 'customer-page-en.png') });

    const page = (await api(ada, 'GET', `/api/v1/customers/${zhangId}`)) as { email: string; notes: string };
    expect(page).toMatchObject({ email: 'weizhang@mail.example', notes: 'Prefers phone calls after 6 pm.' });
  });

  it('reads in Chinese', async () => {
    const me = (await api(ada, 'GET', '/api/v1/auth/me')) as { user: { id: string } };
    await api(ada, 'PATCH', `/api/v1/users/${me.user.id}`, { locale: 'zh-CN' });
    await ada.reload();
    await ada.getByTestId('customer-identities').getByText('身份信息', { exact: true }).waitFor();
    await ada.getByTestId('customer-notes').getByText('备注', { exact: true }).waitFor();
    await ada.getByRole('tab', { name: '历史记录' }).waitFor();
    await ada.screenshot({ path: path.join(shots, 'customer-page-zh.png') });
  });
});
