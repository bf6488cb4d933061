// Email in a real browser against the started product, its built-in SMTP listener on a free port:
// the admin adds a mailbox (checked like the API), sees it listed, edits it, tests SMTP against a
// closed port and reads the failure; an oversized message lands in the quarantine with its reason
// and downloads; an agent finds the quarantine from the workspace; a customer's mail becomes a
// ticket whose message shows its addresses and folded quote, and the reply's failed sending.
// Screenshots go to .test-data/screenshots (artifacts, not committed).
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfToken, openBrowser, type Browser } from './support/browser.ts';
import { ensureWebBuilt, freePort, repoRoot, startProduct, type Product } from './support/product.ts';

const shots = path.join(repoRoot, '.test-data', 'screenshots');
async function shoot(page: Page, name: string) {
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: false });
}

const owner = { name: 'Ada Owner', email: 'ada@acme.example', password: 'correct horse battery' };
const agent = { name: 'Zhou Min', email: 'zhou.min@acme.example', password: 'a long agent passphrase' };
const address = 'help@acme.example';

let product: Product;
let smtpPort: number;
/** A port nothing listens on: the mailbox's SMTP server for the failing test and the failing reply. */
let closedPort: number;
const browsers: Browser[] = [];
let admin: Page;

async function browse(locale = 'en-US'): Promise<Page> {
  const browser = await openBrowser({ baseURL: product.url, locale, timezoneId: 'Asia/Shanghai' });
  browsers.push(browser);
  return browser.page;
}

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/sign-in');
  await page.getByTestId('sign-in-form').locator('input').first().fill(who.email);
  await page.locator('input[type="password"]').first().fill(who.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(/\/tickets$/);
}

async function api(page: Page, method: 'POST' | 'PATCH' | 'GET', url: string, data?: unknown) {
  const response = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': await csrfToken(page) } });
  expect(response.ok(), `${method} ${url}: ${response.status()} ${await response.text()}`).toBe(true);
  return response.json();
}

/** Sends one message to the product's SMTP listener, as a customer's mail server would. */
async function deliver(message: { from: string; subject: string; text: string; messageId?: string }) {
  const client = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
  try {
    return await client.sendMail({ from: message.from, to: address, subject: message.subject, text: message.text, messageId: message.messageId });
  } finally {
    client.close();
  }
}

beforeAll(async () => {
  ensureWebBuilt();
  [smtpPort, closedPort] = [await freePort(), await freePort()];
  process.env.SWITCHBOARD_SMTP_PORT = String(smtpPort);
  product = await startProduct();
  product.cli('tenant', 'create', '--name', 'Acme Trading', '--owner-email', owner.email, '--owner-password', owner.password, '--owner-name', owner.name, '--locale', 'en');
  admin = await browse();
  await signIn(admin, owner);
});

afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await product?.stop();
  delete process.env.SWITCHBOARD_SMTP_PORT;
});

describe('mailboxes in the admin console', () => {
  it('the admin adds a mailbox, checked like the API, and sees it listed', async () => {
    await admin.goto('/admin/mailboxes');
    await admin.getByRole('heading', { name: 'Mailboxes' }).waitFor();
    await admin.getByTestId('admin-nav').getByText('Email', { exact: true }).waitFor();
    await admin.getByTestId('add-mailbox').click();
    const drawer = admin.getByTestId('mailbox-drawer');
    await drawer.getByLabel('Email address').fill('not-an-email');
    await drawer.getByLabel('Display name').fill('Acme Support');
    // IMAP on without its server: refused next to the fields, as the API would (MAILBOX_IMAP_INCOMPLETE).
    await drawer.getByLabel('Fetch mail by IMAP').click();
    await admin.getByTestId('save-mailbox').click();
    await drawer.getByText('Enter a valid email address').waitFor();
    await expect.poll(() => drawer.getByText('Required when IMAP is on').count()).toBe(3);
    await drawer.getByLabel('Fetch mail by IMAP').click();
    await drawer.getByLabel('Email address').fill(address);
    // 0.02 MB: what the quarantine test below sends is larger.
    await drawer.getByLabel('Largest message accepted (MB)').fill('0.02');
    await drawer.getByLabel('Allowed sender domains').fill('@Customer.Example ');
    await drawer.locator('.ant-select-selection-item[title="customer.example"]').waitFor();
    await shoot(admin, 'mailbox-form');
    await admin.getByTestId('save-mailbox').click();
    await admin.getByText('Mailbox added').waitFor();
    // The drawer stays on the new mailbox, now testable.
    await drawer.getByText(`Mailbox ${address}`).waitFor();
    await drawer.getByTestId('test-smtp').waitFor();
    await drawer.getByRole('button', { name: 'Cancel' }).click();

    const row = admin.getByTestId('mailboxes-table').getByRole('row', { name: new RegExp(address) });
    await row.getByText('Acme Support').waitFor();
    await row.getByText("SMTP: this instance's server").waitFor();
    const [saved] = (await api(admin, 'GET', '/api/v1/mailboxes')).data;
    expect(saved).toMatchObject({ address, name: 'Acme Support', smtp_inbound: true, max_message_bytes: Math.round(0.02 * 1024 * 1024) });
    expect(saved.imap.enabled).toBe(false);
    expect(saved.allowed_sender_domains).toEqual(['customer.example']);

    // The same address again, in other letters: the API's 409 as a sentence.
    await admin.getByTestId('add-mailbox').click();
    await drawer.getByLabel('Email address').fill(address.toUpperCase());
    await drawer.getByLabel('Display name').fill('Copy');
    await admin.getByTestId('save-mailbox').click();
    await drawer.getByTestId('admin-error').getByText('Another mailbox already uses this address.').waitFor();
    await drawer.getByRole('button', { name: 'Cancel' }).click();
  });

  it('the admin edits it, tests SMTP against a closed port and reads the server’s failure', async () => {
    await admin.getByTestId('mailboxes-table').getByRole('button', { name: `Edit: ${address}` }).click();
    const drawer = admin.getByTestId('mailbox-drawer');
    await drawer.getByLabel('Display name').fill('Acme 客服');
    await drawer.getByLabel('Host').fill('127.0.0.1');
    await drawer.getByLabel('Port').fill(String(closedPort));
    await drawer.getByLabel('Password', { exact: true }).fill('smtp secret');
    await admin.getByTestId('save-mailbox').click();
    await admin.getByText('Saved').first().waitFor();
    // Write-only: the password is gone from the form, the hint says one is kept.
    await drawer.getByText('A password is set — leave blank to keep it.').waitFor();
    expect(await drawer.getByLabel('Password', { exact: true }).inputValue()).toBe('');

    await drawer.getByTestId('test-smtp').click();
    const result = drawer.getByTestId('test-smtp-result');
    await result.getByText('The SMTP connection failed').waitFor();
    expect(await result.getByTestId('test-message').innerText()).toMatch(/ECONNREFUSED|refused/i);
    await result.getByText(/^Code SMTP_/).waitFor();
    await drawer.getByTestId('test-imap').click();
    await drawer.getByTestId('test-imap-result').getByText('The IMAP connection failed').waitFor();
    await shoot(admin, 'mailbox-smtp-test-failed');
    await drawer.getByRole('button', { name: 'Cancel' }).click();

    const row = admin.getByTestId('mailboxes-table').getByRole('row', { name: new RegExp(address) });
    await row.getByText(`SMTP: 127.0.0.1:${closedPort}`).waitFor();
    const [saved] = (await api(admin, 'GET', '/api/v1/mailboxes')).data;
    expect(saved).toMatchObject({ name: 'Acme 客服', outbound: { mode: 'smtp', host: '127.0.0.1', port: closedPort, password_set: true } });
  });
});

describe('the quarantine', () => {
  it('shows an oversized message with its reason, and the original downloads', async () => {
    const subject = 'Photos of the broken vase';
    // The listener keeps the headers, quarantines the message and refuses it with 552.
    await expect(deliver({ from: 'Wu Lan <wu.lan@customer.example>', subject, text: 'x'.repeat(40_000) })).rejects.toThrow(/552|too big/i);

    await admin.getByTestId('admin-nav').getByText('Email quarantine', { exact: true }).click();
    await admin.waitForURL('**/admin/quarantine');
    await admin.getByRole('heading', { name: 'Email quarantine' }).waitFor();
    // Found by its reason: the listener stores an oversized message's headers without reading its sender and subject.
    const row = admin.getByTestId('quarantine-table').locator('tbody tr').filter({ hasText: 'Too large' });
    await row.getByText('Headers only').waitFor();
    await row.getByText(address).waitFor();
    await row.getByText(/this mailbox accepts at most 20972/).waitFor();
    await shoot(admin, 'email-quarantine');
    const href = await row.getByRole('link', { name: /Download the original message/ }).getAttribute('href');
    const raw = await admin.request.get(href!);
    expect(raw.headers()['content-type']).toContain('message/rfc822');
    expect(raw.headers()['content-disposition']).toContain('attachment');
    expect(await raw.text()).toContain(`Subject: ${subject}`);

    // The mailboxes list counts it.
    await admin.goto('/admin/mailboxes');
    await admin.getByTestId('mailboxes-table').getByRole('row', { name: new RegExp(address) }).getByText('1 waiting').waitFor();
  });

  it('an agent, working in Chinese, opens it from the workspace rail', async () => {
    await api(admin, 'POST', '/api/v1/users', { role: 'agent', locale: 'zh-CN', ...agent });
    const page = await browse('zh-CN');
    await signIn(page, agent);
    await page.getByTestId('quarantine-link').getByText('邮件隔离区').click();
    await page.waitForURL('**/email/quarantine');
    await page.getByRole('heading', { name: '邮件隔离区' }).waitFor();
    await page.getByTestId('quarantine-table').getByText('邮件过大').waitFor();
    await page.getByTestId('quarantine-table').getByText('仅邮件头').waitFor();
    await shoot(page, 'email-quarantine-zh');
    // The other statuses are one click away; nothing was ignored yet.
    await page.getByTestId('quarantine-status').getByText('已忽略').click();
    await page.waitForURL(/status=ignored/);
    await page.getByText('没有这个状态的邮件。').waitFor();
  });

  it('an automatic reply is ignored; retried it stays ignored, and a person can still make it a ticket', async () => {
    const subject = 'Out of office: back on Monday';
    const client = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    await client.sendMail({ from: 'Li Lei <li.lei@customer.example>', to: address, subject, text: 'I am away until Monday.', headers: { 'Auto-Submitted': 'auto-replied' } });
    client.close();

    await admin.goto('/admin/quarantine?status=ignored');
    const row = admin.getByTestId('quarantine-table').getByRole('row', { name: new RegExp(subject) });
    await row.getByText('Automatic reply').waitFor();
    await row.getByText('li.lei@customer.example').waitFor();

    await row.getByRole('button', { name: `Process "${subject}" again` }).click();
    await admin.getByText('Processed again: Ignored').waitFor();

    await row.getByRole('button', { name: `Turn "${subject}" into a ticket` }).click();
    await admin.locator('.ant-popover:visible').getByRole('button', { name: 'Make ticket' }).click();
    await admin.getByText('Ticket created.').waitFor();
    // The row stays in sight with its new state and the way to the ticket.
    await row.getByText('Processed').waitFor();
    await row.getByTestId('inbound-ticket-link').click();
    await admin.waitForURL(/\/tickets\/\d+$/);
    await admin.getByRole('heading', { name: subject }).waitFor();
  });
});

describe('an email ticket', () => {
  it('shows the addresses, folds the quote, and shows that the reply could not be sent', async () => {
    const subject = 'Where is my order 8842?';
    await deliver({
      from: 'Wu Lan <wu.lan@customer.example>',
      subject,
      text: 'Hello, my order has not arrived.\n\n在 2026年3月1日 周日 10:00，Acme 客服 <help@acme.example> 写道：\n> Your order has shipped.\n',
    });
    let ticket: { id: string; subject: string } | undefined;
    await expect
      .poll(async () => (ticket = ((await api(admin, 'GET', '/api/v1/tickets?limit=25')).data as Array<{ id: string; subject: string }>).find((t) => t.subject === subject)))
      .toBeTruthy();

    await admin.goto(`/tickets/${ticket!.id}`);
    const first = admin.getByTestId('public-message').first();
    const header = first.getByTestId('email-header');
    await header.getByText('wu.lan@customer.example', { exact: false }).waitFor();
    await header.getByText(address, { exact: false }).waitFor();
    await first.getByText('Hello, my order has not arrived.').waitFor();
    // The quote is folded away until asked for.
    const toggle = first.getByTestId('quoted-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await first.getByText('Your order has shipped.', { exact: false }).count()).toBe(0);
    await toggle.click();
    await first.getByTestId('quoted-text').getByText('Your order has shipped.', { exact: false }).waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');

    // A public reply goes out through the mailbox's SMTP server, which refuses the connection.
    // The open page hears of the failure; no reload.
    await api(admin, 'POST', `/api/v1/tickets/${ticket!.id}/messages`, { body: 'It left our warehouse yesterday.', public: true });
    const reply = admin.getByTestId('public-message').filter({ hasText: 'It left our warehouse yesterday.' });
    await expect.poll(() => reply.getByTestId('delivery-state').getAttribute('data-delivery'), { timeout: 60_000 }).toBe('failed');
    expect(await reply.getByTestId('delivery-state').innerText()).toMatch(/^Sending failed: .+ \(attempt 1\)/);
    await shoot(admin, 'email-ticket-delivery-failed');
  });
});
