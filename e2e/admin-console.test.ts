// The admin console in a real browser against the started product, with outbound mail going to a
// real local SMTP server: the admin invites an agent, the agent follows the emailed link, sets a
// password and signs in; the admin adds a dropdown field to a form (ordered by drag and drop) and
// an agent fills it on a ticket; the console's forms show the API's error codes as sentences.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailSink, type MailSink } from '../apps/server/test/helpers/mail-sink.ts';
import { csrfToken, openBrowser, type Browser } from './support/browser.ts';
import { ensureWebBuilt, startProduct, type Product } from './support/product.ts';

const owner = { name: 'Ada Owner', email: 'ada@acme.example', password: 'correct horse battery' };
const agent = { name: 'Zhou Min', email: 'zhou.min@acme.example', password: 'a fresh agent passphrase' };

let product: Product;
let sink: MailSink;
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

async function pick(page: Page, testId: string, title: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(title, { exact: true }).click();
}

beforeAll(async () => {
  ensureWebBuilt();
  sink = await startMailSink();
  // The product's worker sends its mail to this SMTP server.
  process.env.SMTP_URL = sink.url;
  process.env.MAIL_FROM = 'Acme Desk <desk@acme.example>';
  product = await startProduct();
  product.cli('tenant', 'create', '--name', 'Acme Trading', '--owner-email', owner.email, '--owner-password', owner.password, '--owner-name', owner.name, '--locale', 'en');
  admin = await browse();
  await signIn(admin, owner);
});

afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await product?.stop();
  await sink?.close();
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
});

describe('inviting an agent', () => {
  it('the admin invites an agent by email from the users page', async () => {
    await admin.getByTestId('user-menu').waitFor();
    await admin.goto('/admin');
    await admin.waitForURL('**/admin/users');
    await admin.getByRole('heading', { name: 'Users' }).waitFor();
    await admin.getByTestId('invite-agent').click();
    const form = admin.getByTestId('invite-form');
    await form.getByLabel('Name').fill(agent.name);
    await form.getByLabel('Email', { exact: true }).fill('not-an-email');
    await admin.getByRole('button', { name: 'Send invitation' }).last().click();
    await form.getByText('Enter a valid email address').waitFor();
    await form.getByLabel('Email', { exact: true }).fill(agent.email);
    await admin.getByRole('button', { name: 'Send invitation' }).last().click();
    await admin.getByText(`Invitation sent to ${agent.email}`).waitFor();
    const row = admin.getByTestId('users-table').getByRole('row', { name: new RegExp(agent.name) });
    await row.getByText('Invited').waitFor();
    await row.getByText('Agent').waitFor();

    // Inviting the same address again: the API's code, as a sentence.
    await admin.getByTestId('invite-agent').click();
    await admin.getByTestId('invite-form').getByLabel('Name').fill('Someone else');
    await admin.getByTestId('invite-form').getByLabel('Email', { exact: true }).fill(agent.email.toUpperCase());
    await admin.getByRole('button', { name: 'Send invitation' }).last().click();
    await admin.getByTestId('admin-error').getByText('This email is already in use.').waitFor();
    await admin.getByRole('button', { name: 'Cancel' }).last().click();
  });

  it('the agent opens the emailed link, sets a password, is signed in, and can sign in again', async () => {
    const mail = await sink.waitFor(agent.email);
    expect(mail.subject).toContain('Ada Owner invited you to Acme Trading');
    const link = /https?:\/\/\S+(\/accept-invite\?token=[A-Za-z0-9_-]+)/.exec(mail.text);
    expect(link, mail.text).not.toBeNull();

    const page = await browse();
    await page.goto(link![1]);
    await page.getByRole('heading', { name: 'Join Acme Trading' }).waitFor();
    await page.getByText(`set a password for ${agent.email}`, { exact: false }).waitFor();
    await page.getByLabel('Password', { exact: true }).fill(agent.password);
    await page.getByLabel('Confirm password').fill(agent.password);
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.waitForURL(/\/tickets$/);
    await page.getByTestId('user-menu').getByText(agent.name).waitFor();
    // Agents have no admin console.
    await page.goto('/admin');
    await page.getByText('Your role cannot open this page.').waitFor();

    // The link is spent.
    const again = await browse();
    await again.goto(link![1]);
    await again.getByText('This invitation link was used, replaced or has expired', { exact: false }).waitFor();

    // Signing out and in with the new password.
    const fresh = await browse();
    await signIn(fresh, agent);
    await fresh.getByTestId('user-menu').getByText(agent.name).waitFor();

    await admin.reload();
    const row = admin.getByTestId('users-table').getByRole('row', { name: new RegExp(agent.name) });
    await row.getByText('Active').waitFor();
  });
});

describe('a dropdown custom field on a form, filled by an agent', () => {
  it('the admin creates the field, checked like the API', async () => {
    await api(admin, 'POST', '/api/v1/custom-fields', { key: 'order_number', title: 'Order number', type: 'text' });
    await admin.goto('/admin/fields');
    await admin.getByTestId('add-field').click();
    const form = admin.getByTestId('field-form');
    await form.getByLabel('Title', { exact: true }).fill('Refund reason');
    expect(await form.getByLabel('Key').inputValue()).toBe('refund_reason');
    await pick(admin, 'field-type', 'Dropdown');
    await admin.getByRole('button', { name: 'Save' }).click();
    await admin.getByText('A dropdown or multi-select field needs at least one option').waitFor();
    for (const [index, [value, label]] of [['damaged', 'Arrived damaged'], ['late', 'Arrived late']].entries()) {
      await admin.getByTestId('add-option').click();
      await form.getByLabel(`Value ${index + 1}`).fill(value);
      await form.getByLabel(`Label ${index + 1}`, { exact: true }).fill(label);
    }
    await form.getByLabel('Required to solve').click();
    await admin.getByRole('button', { name: 'Save' }).click();
    const row = admin.getByTestId('fields-table').getByRole('row', { name: /Refund reason/ });
    await row.getByText('Dropdown').waitFor();
    await row.getByText('Required to solve').waitFor();

    // A key that exists: the server's 409 becomes a readable sentence.
    await admin.getByTestId('add-field').click();
    await admin.getByTestId('field-form').getByLabel('Title', { exact: true }).fill('Order number');
    // The suggested key avoids the taken one; typing it anyway gets the server's answer.
    expect(await admin.getByTestId('field-form').getByLabel('Key').inputValue()).toBe('order_number_1');
    await admin.getByTestId('field-form').getByLabel('Key').fill('order_number');
    await admin.getByRole('button', { name: 'Save' }).click();
    await admin.getByTestId('admin-error').getByText('A field with this key already exists.').waitFor();
    await admin.getByRole('button', { name: 'Cancel' }).last().click();
  });

  it('puts it on a form, ordered by drag and drop, and makes the form the default', async () => {
    await admin.goto('/admin/forms');
    await admin.getByRole('heading', { name: 'Ticket forms' }).waitFor();
    await admin.getByRole('button', { name: 'Add' }).click();
    const editor = admin.getByTestId('form-editor');
    await editor.getByLabel('Name').fill('Returns');
    for (const title of ['Order number', 'Refund reason']) {
      await admin.getByTestId('form-add-field').click();
      await admin.locator('.ant-select-dropdown:visible').getByTitle(title, { exact: true }).click();
    }
    const items = admin.getByTestId('form-fields').getByTestId('sortable-item');
    await expect.poll(() => items.allInnerTexts()).toEqual([expect.stringContaining('Order number'), expect.stringContaining('Refund reason')]);
    await items.nth(1).dragTo(items.nth(0));
    await expect.poll(() => items.allInnerTexts()).toEqual([expect.stringContaining('Refund reason'), expect.stringContaining('Order number')]);
    await editor.getByLabel('Default form').click();
    await admin.getByTestId('save-form').click();
    await admin.getByText('Saved').first().waitFor();

    const forms = (await api(admin, 'GET', '/api/v1/ticket-forms')).data as Array<{ name: string; field_ids: string[]; is_default: boolean }>;
    const fields = (await api(admin, 'GET', '/api/v1/custom-fields')).data as Array<{ id: string; key: string }>;
    const returns = forms.find((f) => f.name === 'Returns')!;
    expect(returns.is_default).toBe(true);
    expect(returns.field_ids).toEqual(['refund_reason', 'order_number'].map((key) => fields.find((f) => f.key === key)!.id));
  });

  it('an agent picks a value on a ticket, and it is saved on the ticket', async () => {
    const page = await browse();
    await signIn(page, agent);
    const ticket = await api(page, 'POST', '/api/v1/tickets', {
      subject: 'Broken vase',
      comment: { body: 'The vase arrived in pieces.', public: true },
      requester: { email: 'wu.lan@customer.example', name: 'Wu Lan' },
    });
    await page.goto(`/tickets/${ticket.id}`);
    await pick(page, 'field-refund_reason', 'Arrived damaged');
    await page.getByTestId('save-fields').click();
    await expect
      .poll(async () => (await api(page, 'GET', `/api/v1/tickets/${ticket.id}`)).custom_fields)
      .toMatchObject({ refund_reason: 'damaged' });
  });
});

describe('the console in Chinese', () => {
  it('shows Chinese labels, and the audit log has the invitation', async () => {
    const page = await browse('zh-CN');
    await signIn(page, owner);
    // Ada works in English; switching this page to Chinese (saved for her account).
    await pick(page, 'language-switch', '中文');
    await page.goto('/admin/users');
    await page.getByRole('heading', { name: '用户' }).waitFor();
    await page.getByRole('button', { name: '邀请客服' }).waitFor();
    const nav = page.getByTestId('admin-nav');
    for (const label of ['小组', '组织', '工单状态', '自定义字段', '工单表单', '分类', '标签', 'API 令牌', '审计日志', '工作区']) {
      await nav.getByText(label, { exact: true }).waitFor();
    }
    await nav.getByText('审计日志', { exact: true }).click();
    await page.getByRole('heading', { name: '审计日志' }).waitFor();
    await page.getByTestId('audit-table').getByText('user.invited').waitFor();
    await nav.getByText('工作区', { exact: true }).click();
    await page.getByLabel('默认语言').waitFor();
  });
});
