// The customer help portal in a real browser against the started product, with mail going to a
// real local SMTP server: a customer signs in with an emailed link, opens a request with a file,
// an agent replies and adds an internal note (through the API), the customer sees the reply and
// never the note; the portal on a phone-sized screen; the same in Chinese.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailSink, type MailSink } from '../apps/server/test/helpers/mail-sink.ts';
import { csrfToken, openBrowser, type Browser } from './support/browser.ts';
import { ensureWebBuilt, startProduct, type Product } from './support/product.ts';

const owner = { name: 'Ada Owner', email: 'ada@acme.example', password: 'correct horse battery' };
const NOTE = 'Internal: customer is a VIP, refund without asking for photos.';
const REPLY = 'Sorry about that! A replacement ships today.';

let product: Product;
let sink: MailSink;
const browsers: Browser[] = [];
let agent: Page;

async function browse(locale: string, viewport?: { width: number; height: number }): Promise<Page> {
  const browser = await openBrowser({ baseURL: product.url, locale, timezoneId: 'Asia/Shanghai' });
  browsers.push(browser);
  if (viewport) await browser.page.setViewportSize(viewport);
  return browser.page;
}

async function api(page: Page, method: 'POST' | 'GET', url: string, data?: unknown) {
  const response = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': await csrfToken(page) } });
  expect(response.ok(), `${method} ${url}: ${response.status()} ${await response.text()}`).toBe(true);
  return response.json();
}

/** Asks for a sign-in link on the portal page and follows the one that arrives by mail. */
async function signInByLink(page: Page, email: string, labels: { tab: string; email: string; send: string; sent: RegExp }) {
  await page.goto('/portal');
  await page.getByRole('tab', { name: labels.tab }).waitFor();
  const before = sink.received.length;
  await page.getByTestId('portal-link-form').getByLabel(labels.email).fill(email);
  await page.getByRole('button', { name: labels.send }).click();
  await page.getByTestId('portal-link-sent').getByText(labels.sent).waitFor();
  const mail = await sink.waitFor(email, { after: before });
  const link = /https?:\/\/\S+(\/portal\/link\?token=[A-Za-z0-9_-]+)/.exec(mail.text);
  expect(link, mail.text).not.toBeNull();
  await page.goto(link![1]);
  await page.waitForURL(/\/portal$/);
  return { mail, path: link![1] };
}

beforeAll(async () => {
  ensureWebBuilt();
  sink = await startMailSink();
  process.env.SMTP_URL = sink.url;
  product = await startProduct();
  product.cli('tenant', 'create', '--name', 'Acme Trading', '--owner-email', owner.email, '--owner-password', owner.password, '--owner-name', owner.name, '--locale', 'en');
  agent = await browse('en-US');
  await agent.goto('/sign-in');
  await agent.getByTestId('sign-in-form').locator('input').first().fill(owner.email);
  await agent.locator('input[type="password"]').first().fill(owner.password);
  await agent.locator('button[type="submit"]').click();
  await agent.waitForURL(/\/tickets$/);
  for (const [name, email] of [['Li Lei', 'li.lei@customer.example'], ['王小明', 'wang.xm@customer.example']]) {
    await api(agent, 'POST', '/api/v1/users', { name, email, role: 'customer' });
  }
});

afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await product?.stop();
  await sink?.close();
  delete process.env.SMTP_URL;
});

describe('a customer in the portal (English)', () => {
  let customer: Page;
  let ticketId = '';

  it('asks for a sign-in link; an unknown address gets the same answer and no mail', async () => {
    customer = await browse('en-US');
    await customer.goto('/portal');
    await customer.getByRole('heading', { name: 'Sign in to the help center' }).waitFor();
    await customer.getByTestId('portal-link-form').getByLabel('Your email').fill('nobody@nowhere.example');
    await customer.getByRole('button', { name: 'Send sign-in link' }).click();
    await customer.getByTestId('portal-link-sent').getByText(/If nobody@nowhere.example has an account here/).waitFor();
  });

  it('signs in with the emailed link, which then no longer works', async () => {
    const { mail, path } = await signInByLink(customer, 'li.lei@customer.example', {
      tab: 'Email me a link', email: 'Your email', send: 'Send sign-in link', sent: /a sign-in link is on its way/,
    });
    expect(mail.subject).toBe('Sign in to Acme Trading');
    await customer.getByRole('heading', { name: 'My requests' }).waitFor();
    await customer.getByText('You have no requests yet.').waitFor();
    expect(sink.received.some((m) => m.to.includes('nobody@nowhere.example'))).toBe(false);

    const other = await browse('en-US');
    await other.goto(path);
    await other.getByText('This sign-in link does not work').waitFor();
    await other.getByText('This sign-in link was used or has expired', { exact: false }).waitFor();
  });

  it('opens a new request with a file', async () => {
    await customer.getByTestId('portal-new-request').click();
    const form = customer.getByTestId('portal-new-ticket');
    await form.getByLabel('Subject').fill('Cracked screen on arrival');
    await form.getByLabel('How can we help?').fill('The phone arrived with a cracked screen. Photo attached.');
    await customer.locator('input[type="file"]').setInputFiles({ name: 'photo.txt', mimeType: 'text/plain', buffer: Buffer.from('pretend this is a photo') });
    await customer.getByText('photo.txt').waitFor();
    await customer.getByRole('button', { name: 'Send request' }).click();
    await customer.waitForURL(/\/portal\/tickets\/\d+$/);
    ticketId = customer.url().split('/').pop()!;
    await customer.getByRole('heading', { name: /Cracked screen on arrival/ }).waitFor();
    const mine = customer.getByTestId('portal-message').filter({ hasText: 'The phone arrived with a cracked screen.' });
    await mine.getByText('You', { exact: false }).first().waitFor();
    await mine.getByRole('link', { name: /photo\.txt/ }).waitFor();
  });

  it('sees the agent’s reply and never the internal note', async () => {
    await api(agent, 'POST', `/api/v1/tickets/${ticketId}/messages`, { body: NOTE, public: false });
    await api(agent, 'POST', `/api/v1/tickets/${ticketId}/messages`, { body: REPLY, public: true });

    await customer.reload();
    const reply = customer.getByTestId('portal-message').filter({ hasText: REPLY });
    await reply.getByText('Support', { exact: false }).waitFor();
    expect(await customer.getByTestId('portal-thread').innerText()).not.toContain('VIP');
    expect(await customer.content()).not.toContain(NOTE);
    // Nor through the API with the customer's own session.
    const messages = (await api(customer, 'GET', `/api/v1/tickets/${ticketId}/messages`)).data as Array<{ body: string; public: boolean }>;
    expect(messages.map((m) => m.body)).toContain(REPLY);
    expect(messages.some((m) => m.body === NOTE || !m.public)).toBe(false);
    // The agent does see both.
    const staffView = (await api(agent, 'GET', `/api/v1/tickets/${ticketId}/messages`)).data as Array<{ body: string }>;
    expect(staffView.map((m) => m.body)).toEqual(expect.arrayContaining([NOTE, REPLY]));
  });

  it('replies, and lists the request', async () => {
    await customer.getByLabel('Your reply').fill('Thank you, that is quick!');
    await customer.getByTestId('portal-send').click();
    await customer.getByTestId('portal-message').filter({ hasText: 'Thank you, that is quick!' }).waitFor();
    await customer.getByRole('link', { name: /My requests/ }).first().click();
    await customer.getByTestId('portal-tickets').getByText('Cracked screen on arrival').waitFor();
  });

  it('fits a phone screen', async () => {
    await customer.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/portal', `/portal/tickets/${ticketId}`, '/portal/tickets/new']) {
      await customer.goto(path);
      await customer.locator('main').waitFor();
      await customer.waitForLoadState('networkidle');
      const overflow = await customer.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });

  it('a customer who signs in to the desk lands in the portal', async () => {
    await customer.setViewportSize({ width: 1280, height: 800 });
    await customer.goto('/tickets');
    await customer.waitForURL(/\/portal$/);
  });
});

describe('the portal in Chinese', () => {
  it('signs in by link and shows Chinese labels throughout', async () => {
    const page = await browse('zh-CN', { width: 390, height: 844 });
    await page.goto('/portal');
    await page.getByRole('heading', { name: '登录帮助中心' }).waitFor();
    await page.getByRole('tab', { name: '密码登录' }).waitFor();
    const { mail } = await signInByLink(page, 'wang.xm@customer.example', {
      tab: '邮件登录链接', email: '您的邮箱', send: '发送登录链接', sent: /登录链接已发出/,
    });
    expect(mail.subject).toBe('登录「Acme Trading」帮助中心');
    await page.getByRole('heading', { name: '我的请求' }).waitFor();
    await page.getByText('您还没有提交过请求。').waitFor();
    await page.getByTestId('portal-new-request').click();
    await page.getByLabel('主题').fill('发票抬头写错了');
    await page.getByLabel('请描述您的问题').fill('发票抬头应为“上海某某科技有限公司”。');
    await page.getByRole('button', { name: '提交请求' }).click();
    await page.waitForURL(/\/portal\/tickets\/\d+$/);
    await page.getByText('已收到').first().waitFor();
    await page.getByText('您的回复').waitFor();
    await page.getByRole('button', { name: '发送' }).waitFor();
  });
});
