// The agent's day in a real browser against the started product: a customer's ticket arrives in
// "Unassigned" without a reload, the agent replies and adds a note (the customer sees only the
// reply), two agents on one ticket see each other, a stale save shows the conflict, a ticket is
// opened for a caller. Screenshots of the view list and the ticket page, in English and Chinese,
// are written to .test-data/screenshots (artifacts, not committed).
import fs from 'node:fs';
import path from 'node:path';
import { request, type APIRequestContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfToken, openBrowser, type Browser } from './support/browser.ts';
import { ensureWebBuilt, repoRoot, startProduct, type Product } from './support/product.ts';

const owner = { name: 'Ada Owner', email: 'ada@acme.example', password: 'correct horse battery' };
const wang = { name: '王芳', email: 'wang.fang@acme.example', password: 'another long passphrase' };
const customer = { name: 'Li Lei', email: 'li.lei@customer.example', password: 'customer passphrase 1' };
const shots = path.join(repoRoot, '.test-data', 'screenshots');

let product: Product;
const browsers: Browser[] = [];
let ada: Page;
let fang: Page;
let customerApi: APIRequestContext;
let ticketId = '';

async function signIn(locale: string, who: { email: string; password: string }): Promise<Page> {
  const browser = await openBrowser({ baseURL: product.url, locale, timezoneId: 'Asia/Shanghai' });
  browsers.push(browser);
  const page = browser.page;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/sign-in');
  await page.getByTestId('sign-in-form').locator('input').first().fill(who.email);
  await page.locator('input[type="password"]').first().fill(who.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(/\/tickets$/);
  return page;
}

async function api(page: Page, method: 'POST' | 'PATCH' | 'GET', url: string, data?: unknown) {
  const response = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': await csrfToken(page) } });
  expect(response.ok(), `${method} ${url}: ${response.status()} ${await response.text()}`).toBe(true);
  return response.json();
}

async function pick(page: Page, testId: string, title: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(title, { exact: true }).click();
}

async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: false });
}

beforeAll(async () => {
  ensureWebBuilt();
  fs.mkdirSync(shots, { recursive: true });
  product = await startProduct();
  product.cli('tenant', 'create', '--name', 'Acme Trading', '--owner-email', owner.email, '--owner-password', owner.password, '--owner-name', owner.name);
  ada = await signIn('en-US', owner);
  // Each agent works in their own language: Ada in English, 王芳 in Chinese.
  const me = (await api(ada, 'GET', '/api/v1/auth/me')) as { user: { id: string } };
  await api(ada, 'PATCH', `/api/v1/users/${me.user.id}`, { locale: 'en' });
  await api(ada, 'POST', '/api/v1/users', { role: 'agent', locale: 'zh-CN', ...wang });
  await api(ada, 'POST', '/api/v1/users', { role: 'customer', ...customer });
  // A shared queue of every unassigned live ticket, first in the rail.
  await api(ada, 'POST', '/api/v1/views', {
    title: 'Unassigned',
    title_zh: '未分配',
    scope: 'shared',
    position: 0,
    conditions: { all: [{ field: 'assignee_id', operator: 'is', value: 'none' }, { field: 'status_category', operator: 'less_than', value: 'solved' }] },
  });
  customerApi = await request.newContext({ baseURL: product.url });
  const login = await customerApi.post('/api/v1/auth/login', { data: { email: customer.email, password: customer.password } });
  expect(login.ok(), await login.text()).toBe(true);
}, 180_000);

afterAll(async () => {
  await customerApi?.dispose();
  for (const browser of browsers) await browser.close();
  await product?.stop();
});

describe('the agent workspace', () => {
  it('shows a customer’s new ticket in “Unassigned” without a reload, with its count', async () => {
    await ada.reload();
    const unassigned = ada.getByTestId('view-link').filter({ hasText: 'Unassigned' }).first();
    await unassigned.click();
    await ada.getByTestId('list-title').getByText('Unassigned').waitFor();

    const me = (await (await customerApi.get('/api/v1/auth/me')).json()) as { csrf_token: string };
    const created = await customerApi.post('/api/v1/tickets', {
      headers: { 'x-csrf-token': me.csrf_token },
      data: { subject: 'Order 5521 has not arrived', comment: { body: 'Hello, my order has not arrived. <b>Please</b> help.' } },
    });
    expect(created.ok(), await created.text()).toBe(true);
    ticketId = ((await created.json()) as { id: string }).id;

    const row = ada.getByTestId('ticket-table').getByRole('row', { name: /Order 5521 has not arrived/ });
    await row.waitFor();
    await row.getByText('Li Lei').waitFor();
    await unassigned.getByTestId('view-count').getByText('1', { exact: true }).waitFor();
    await shot(ada, 'view-list-en');
  });

  it('replies and adds an internal note; the customer sees the reply only', async () => {
    await ada.getByRole('link', { name: 'Order 5521 has not arrived' }).click();
    await ada.waitForURL(new RegExp(`/tickets/${ticketId}$`));
    await ada.getByTestId('public-message').getByText('my order has not arrived').waitFor();
    await ada.getByTestId('customer-panel').getByText(customer.email).waitFor();

    const box = ada.getByTestId('reply-box');
    await box.getByText('Internal note', { exact: true }).click();
    await box.getByRole('textbox').fill('Courier says the parcel is at the Shanghai depot.');
    await box.getByRole('button', { name: 'Add note' }).click();
    await ada.getByTestId('internal-note').getByText('Courier says the parcel is at the Shanghai depot.').waitFor();

    await box.getByText('Public reply', { exact: true }).click();
    await box.getByRole('textbox').fill('Your parcel will arrive tomorrow.');
    await box.getByRole('button', { name: 'Send reply' }).click();
    await ada.getByTestId('public-message').filter({ hasText: 'Your parcel will arrive tomorrow.' }).waitFor();

    const seen = (await (await customerApi.get(`/api/v1/tickets/${ticketId}/messages`)).json()) as { data: Array<{ body: string }> };
    const bodies = seen.data.map((message) => message.body);
    expect(bodies).toContain('Your parcel will arrive tomorrow.');
    expect(bodies.join('\n')).not.toContain('Shanghai depot');
  });

  it('shows two agents on one ticket to each other: viewing, then replying', async () => {
    fang = await signIn('zh-CN', wang);
    await fang.goto(`/tickets/${ticketId}`);
    await fang.getByTestId('ticket-subject').getByText('Order 5521 has not arrived').waitFor();
    await ada.getByTestId('presence').getByText('王芳 is viewing').waitFor();
    await fang.getByTestId('presence').getByText(`${owner.name} 正在查看`).waitFor();

    await fang.getByTestId('reply-box').getByRole('textbox').fill('我来跟进这个工单');
    await ada.getByTestId('presence').getByText('王芳 is replying').waitFor();
    await fang.getByTestId('reply-box').getByRole('textbox').fill('');
    await ada.getByTestId('presence').getByText('王芳 is viewing').waitFor();
  });

  it('shows what changed when a save lost to a newer version, and re-applies on top', async () => {
    // Ada starts editing: priority Urgent, not saved yet.
    await pick(ada, 'field-priority', 'Urgent');
    // Meanwhile 王芳 sets the priority to High and assigns herself, and saves.
    await pick(fang, 'field-priority', '高');
    await fang.getByTestId('save-fields').click();
    await fang.getByText('已保存。').or(fang.getByTestId('fields-panel').getByText('高')).first().waitFor();
    await expect.poll(async () => (await api(ada, 'GET', `/api/v1/tickets/${ticketId}`)).priority).toBe('high');

    await ada.getByTestId('save-fields').click();
    const conflict = ada.getByTestId('conflict');
    await conflict.waitFor();
    await conflict.getByText('王芳 saved a newer version', { exact: false }).waitFor();
    const row = conflict.locator('[data-field="priority"]');
    expect(await row.getAttribute('data-kind')).toBe('clash');
    await row.getByText('Normal').waitFor();
    await row.getByText('High').waitFor();
    await row.getByText('Urgent').waitFor();
    await shot(ada, 'conflict-en');

    await ada.getByTestId('conflict-reapply').click();
    await conflict.waitFor({ state: 'detached' });
    await expect.poll(async () => (await api(ada, 'GET', `/api/v1/tickets/${ticketId}`)).priority).toBe('urgent');
    // 王芳 sees it without reloading.
    await fang.getByTestId('fields-panel').getByText('紧急').waitFor();
    await shot(ada, 'ticket-en');
    await shot(fang, 'ticket-zh-CN');
    await ada.setViewportSize({ width: 1920, height: 1080 });
    await shot(ada, 'ticket-en-1920');
    await ada.setViewportSize({ width: 1280, height: 800 });
  });

  it('lists the shortcuts, and the rail in Chinese', async () => {
    await fang.locator('body').click({ position: { x: 5, y: 400 } });
    await fang.keyboard.press('?');
    await fang.getByTestId('shortcuts-help').getByText('分配给我').waitFor();
    await fang.keyboard.press('Escape');
    await fang.getByTestId('view-link').filter({ hasText: '未分配' }).first().click();
    await fang.getByTestId('list-title').getByText('未分配').waitFor();
    await fang.getByTestId('ticket-table').getByRole('row', { name: /Order 5521 has not arrived/ }).waitFor();
    await shot(fang, 'view-list-zh-CN');
  });

  it('opens a ticket for a caller, creating the customer', async () => {
    await ada.getByTestId('new-ticket').click();
    await ada.getByText('New customer', { exact: true }).click();
    await ada.getByTestId('new-customer-name').fill('张伟');
    await ada.getByTestId('new-customer-email').fill('zhang.wei@customer.example');
    await ada.getByTestId('new-subject').fill('Phone call: invoice title is wrong');
    await ada.getByTestId('new-description').fill('The caller needs the invoice title changed to the company name.');
    await ada.getByTestId('create-ticket').click();
    await ada.getByTestId('ticket-subject').getByText('Phone call: invoice title is wrong').waitFor();
    const id = ada.url().split('/').pop()!;
    const ticket = await api(ada, 'GET', `/api/v1/tickets/${id}`);
    expect(ticket.via).toBe('phone');
    await ada.getByTestId('customer-panel').getByText('zhang.wei@customer.example').waitFor();
  });
});
