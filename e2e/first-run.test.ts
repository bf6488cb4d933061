// The first journeys a person makes with Switchboard, in a real browser against the started
// product: first-run set-up, the tickets, a conversation, sign out and in; in English, then in
// Chinese on a second fresh install.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfToken, openBrowser, type Browser } from './support/browser.ts';
import { ensureWebBuilt, startProduct, type Product } from './support/product.ts';

const owner = { company: 'Acme Trading', name: 'Ada Owner', email: 'ada@acme.example', password: 'correct horse battery' };

let english: Product;
let chinese: Product;
const browsers: Browser[] = [];

beforeAll(async () => {
  ensureWebBuilt();
  // Two fresh installs (server + embedded PostgreSQL each), started side by side.
  [english, chinese] = await Promise.all([startProduct(), startProduct()]);
});

afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await Promise.all([english?.stop(), chinese?.stop()]);
});

async function browse(product: Product, locale: string): Promise<Page> {
  const browser = await openBrowser({ baseURL: product.url, locale, timezoneId: 'Asia/Shanghai' });
  browsers.push(browser);
  return browser.page;
}

/** Makes a change the way another agent (or an integration) would: through the API, not this page. */
async function api(page: Page, method: 'POST' | 'PATCH', url: string, data: unknown, headers: Record<string, string> = {}) {
  const response = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': await csrfToken(page), ...headers } });
  expect(response.ok(), `${method} ${url}: ${response.status()} ${await response.text()}`).toBe(true);
  return response.json();
}

async function pick(page: Page, selectTestId: string, optionTitle: string) {
  await page.getByTestId(selectTestId).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(optionTitle, { exact: true }).click();
}

describe('first run in English', () => {
  let page: Page;

  it('shows the set-up page on a fresh install, in the browser’s language, switchable to Chinese', async () => {
    page = await browse(english, 'en-US');
    await page.goto('/');
    await page.waitForURL('**/setup');
    await expect.poll(() => page.title()).toBe('Switchboard 总机');
    await page.getByRole('heading', { name: 'Set up your help desk' }).waitFor();

    await pick(page, 'language-switch', '中文');
    await page.getByRole('heading', { name: '设置你的客服中心' }).waitFor();
    for (const label of ['公司名称', '你的姓名', '工作邮箱', '确认密码', '时区']) await page.getByLabel(label).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

    await pick(page, 'language-switch', 'English');
    await page.getByRole('heading', { name: 'Set up your help desk' }).waitFor();
  });

  it('checks the form before sending it', async () => {
    await page.getByLabel('Company name').fill(owner.company);
    await page.getByLabel('Your name').fill(owner.name);
    await page.getByLabel('Work email').fill('not-an-email');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByLabel('Confirm password').fill('different');
    await page.getByRole('button', { name: 'Create and sign in' }).click();
    await page.getByText('Enter a valid email address').waitFor();
    await page.getByText('At least 8 characters', { exact: true }).waitFor();
    await page.getByText('The two passwords are not the same').waitFor();
  });

  it('creates the company and its owner, signs in and lands on the tickets', async () => {
    await page.getByLabel('Work email').fill(owner.email);
    await page.getByLabel('Password', { exact: true }).fill(owner.password);
    await page.getByLabel('Confirm password').fill(owner.password);
    // The time zone defaults to the browser's.
    await page.getByTestId('setup-form').getByText('Asia/Shanghai').waitFor();
    await page.getByRole('button', { name: 'Create and sign in' }).click();

    await page.waitForURL('**/tickets');
    await page.getByRole('heading', { name: 'Tickets' }).waitFor();
    await page.getByText('No tickets yet.', { exact: false }).waitFor();
    await page.getByTestId('user-menu').getByText(owner.name).waitFor();
    await page.locator('[data-testid="realtime-status"][data-state="live"]').waitFor();

    // The set-up page is gone for good.
    await page.goto('/setup');
    await page.waitForURL('**/tickets');
  });

  it('shows a ticket created elsewhere without a reload (live update)', async () => {
    await api(page, 'POST', '/api/v1/tickets', {
      subject: 'Order 5521 has not arrived',
      comment: { body: 'Hello, my order has not arrived. Please help.', public: true },
      requester: { email: 'li.lei@customer.example', name: 'Li Lei' },
      priority: 'high',
    }, { 'idempotency-key': 'e2e-ticket-1' });

    const row = page.getByTestId('ticket-table').getByRole('row', { name: /Order 5521 has not arrived/ });
    await row.waitFor();
    await row.getByText('Li Lei').waitFor();
    await row.getByText('High').waitFor();
    await row.getByText('New').waitFor();
  });

  it('opens the ticket, adds an internal note and a public reply', async () => {
    await page.getByRole('link', { name: 'Order 5521 has not arrived' }).click();
    await page.waitForURL(/\/tickets\/\d+$/);
    await page.getByTestId('ticket-subject').getByText('Order 5521 has not arrived').waitFor();
    await page.getByTestId('public-message').getByText('my order has not arrived').waitFor();

    const box = page.getByTestId('reply-box');
    await box.getByText('Internal note', { exact: true }).click();
    await box.getByRole('textbox').fill('Courier says the parcel is at the Shanghai depot.');
    await box.getByRole('button', { name: 'Add note' }).click();
    const note = page.getByTestId('internal-note');
    await note.getByText('Courier says the parcel is at the Shanghai depot.').waitFor();
    await note.getByText('Internal note').waitFor();
    await note.getByText(owner.name).waitFor();

    await box.getByText('Public reply', { exact: true }).click();
    await box.getByRole('textbox').fill('Your parcel will arrive tomorrow.');
    await box.getByRole('button', { name: 'Send reply' }).click();
    await page.getByTestId('public-message').filter({ hasText: 'Your parcel will arrive tomorrow.' }).waitFor();
    expect(await box.getByRole('textbox').inputValue()).toBe('');
    expect(await page.getByTestId('internal-note').count()).toBe(1);
  });

  it('changes the status with the version it saw', async () => {
    await pick(page, 'status-select', 'Pending');
    await page.getByText('Status changed to Pending.').waitFor();
    await page.getByTestId('ticket-subject').locator('..').getByText('Pending').waitFor();
  });

  it('follows a change made by someone else while the ticket is open', async () => {
    const id = page.url().split('/').pop()!;
    const ticket = (await (await page.request.get(`/api/v1/tickets/${id}`)).json()) as { version: number };
    await api(page, 'PATCH', `/api/v1/tickets/${id}`, { priority: 'urgent' }, { 'if-match': String(ticket.version) });
    await page.getByText('Urgent').waitFor();
  });

  it('tells the user when their change lost to someone else’s, and reloads the ticket', async () => {
    // The page is sure to hold an old version: its If-Match is rewritten to the first one.
    await page.route('**/api/v1/tickets/*', (route) =>
      route.request().method() === 'PATCH'
        ? route.continue({ headers: { ...route.request().headers(), 'if-match': '1' } })
        : route.continue(),
    );
    await pick(page, 'status-select', 'Solved');
    await page.getByText('Someone else changed this ticket while you were looking at it.', { exact: false }).waitFor();
    await page.unroute('**/api/v1/tickets/*');
    await page.getByTestId('ticket-subject').locator('..').getByText('Pending').waitFor();
  });

  it('lists tickets a page at a time, with “load more”', async () => {
    const token = await csrfToken(page);
    for (let batch = 0; batch < 3; batch += 1) {
      await Promise.all(
        Array.from({ length: 9 }, (_, i) =>
          page.request.post('/api/v1/tickets', {
            headers: { 'x-csrf-token': token, 'idempotency-key': `e2e-bulk-${batch}-${i}` },
            data: { subject: `Bulk question ${batch * 9 + i + 1}`, comment: { body: 'A question.', public: true }, requester: { email: 'bulk@customer.example' } },
          }),
        ),
      );
    }
    await page.getByRole('link', { name: 'All tickets' }).click();
    const rows = page.getByTestId('ticket-table').locator('tbody tr[data-row-key]');
    await page.getByTestId('load-more').waitFor();
    expect(await rows.count()).toBe(25);
    await page.getByTestId('load-more').click();
    await page.getByText('All tickets are shown.').waitFor();
    expect(await rows.count()).toBe(28);
  });

  it('signs out', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    await page.getByText('You are signed out.').waitFor();
    // The desk is closed to a signed-out browser.
    await page.goto('/tickets');
    await page.waitForURL(/\/sign-in\?next=%2Ftickets$/);
  });

  it('refuses a wrong password in plain words, then signs in again', async () => {
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('sign-in-error').getByText('Wrong email or password.').waitFor();

    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/tickets');
    await page.getByRole('link', { name: 'Bulk question 27' }).waitFor();
  });
});

describe('first run in Chinese', () => {
  let page: Page;

  it('shows the set-up page in Chinese to a Chinese browser', async () => {
    page = await browse(chinese, 'zh-CN');
    await page.goto('/');
    await page.waitForURL('**/setup');
    await page.getByRole('heading', { name: '设置你的客服中心' }).waitFor();
    for (const label of ['公司名称', '你的姓名', '工作邮箱', '密码', '确认密码', '语言', '时区']) {
      await page.getByTestId('setup-form').getByLabel(label, { exact: true }).waitFor();
    }
    await page.getByRole('button', { name: '创建并登录' }).waitFor();
  });

  it('explains a problem in Chinese', async () => {
    await page.getByRole('button', { name: '创建并登录' }).click();
    expect(await page.getByText('必填').count()).toBeGreaterThanOrEqual(4);
  });

  it('sets up the desk in Chinese and shows the tickets page in Chinese', async () => {
    await page.getByLabel('公司名称').fill('上海示例贸易有限公司');
    await page.getByLabel('你的姓名').fill('王芳');
    await page.getByLabel('工作邮箱').fill('wang.fang@example.cn');
    await page.getByLabel('密码', { exact: true }).fill('一二三四五六七八');
    await page.getByLabel('确认密码').fill('一二三四五六七八');
    await page.getByRole('button', { name: '创建并登录' }).click();
    await page.waitForURL('**/tickets');
    await page.getByRole('heading', { name: '工单' }).waitFor();
    await page.getByText('还没有工单', { exact: false }).waitFor();
    await page.getByRole('menuitem', { name: /工单/ }).waitFor();
  });

  it('shows a ticket’s dates, statuses and labels in Chinese', async () => {
    await api(page, 'POST', '/api/v1/tickets', {
      subject: '发票抬头需要修改',
      comment: { body: '您好，请把发票抬头改为上海示例贸易有限公司。', public: true },
      requester: { email: 'han.meimei@customer.example', name: '韩梅梅' },
      priority: 'urgent',
    }, { 'idempotency-key': 'e2e-ticket-zh' });
    const row = page.getByTestId('ticket-table').getByRole('row', { name: /发票抬头需要修改/ });
    await row.getByText('紧急').waitFor();
    await row.getByText('新建').waitFor();
    await row.getByTestId('ticket-link').click();
    await page.getByText('详情').waitFor();
    await page.getByText('请求人').waitFor();
    await page.getByText(/\d{4}年\d{1,2}月\d{1,2}日/).first().waitFor();
    await page.getByTestId('reply-box').getByText('内部备注').waitFor();
  });

  it('asks which company when the same account exists in two, then signs in', async () => {
    chinese.cli('tenant', 'create', '--name', 'Globex 环球', '--owner-email', 'wang.fang@example.cn', '--owner-password', '一二三四五六七八', '--locale', 'zh-CN');

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL('**/sign-in');
    await page.getByText('你已退出登录。').waitFor();

    await page.getByLabel('邮箱').fill('wang.fang@example.cn');
    await page.getByLabel('密码').fill('一二三四五六七八');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('该邮箱属于多个公司，请选择要登录的公司。').waitFor();

    await page.getByLabel('公司').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('上海示例贸易有限公司').click();
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/tickets');
    await page.getByRole('link', { name: '发票抬头需要修改' }).waitFor();
  });
});
