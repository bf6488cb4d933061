/**
 * The two emails identity sends (an agent invitation, a portal sign-in link), in the reader's
 * language. Pure: text in, subject and bodies out; every interpolated value is HTML-escaped.
 */
export type MailLocale = 'zh-CN' | 'en';

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** `base` + path + `?token=`: the link a mail carries (base without a trailing slash). */
export function linkTo(base: string, path: string, token: string): string {
  return `${base.replace(/\/+$/, '')}${path}?token=${encodeURIComponent(token)}`;
}

function html(paragraphs: string[], link: string, button: string): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  return `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">
${body}
<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:8px 16px;background:#1f6feb;color:#fff;text-decoration:none;border-radius:6px">${escapeHtml(button)}</a></p>
<p style="color:#666;font-size:12px">${escapeHtml(link)}</p>
</body></html>`;
}

export function invitationEmail(input: {
  locale: MailLocale;
  tenantName: string;
  inviterName: string;
  inviteeName: string;
  link: string;
  expiresInDays: number;
}): ComposedMail {
  const { tenantName, inviterName, inviteeName, link, expiresInDays: days } = input;
  if (input.locale === 'zh-CN') {
    const lines = [
      `${inviteeName}，您好：`,
      `${inviterName} 邀请您加入「${tenantName}」的客服工作台。`,
      `请在 ${days} 天内打开下面的链接设置密码。如果您不认识这封邮件，请忽略它。`,
    ];
    return { subject: `${inviterName} 邀请您加入「${tenantName}」`, text: `${lines.join('\n\n')}\n\n${link}\n`, html: html(lines, link, '接受邀请') };
  }
  const lines = [
    `Hello ${inviteeName},`,
    `${inviterName} invited you to the ${tenantName} help desk.`,
    `Open the link below within ${days} days to set your password. If you did not expect this email, ignore it.`,
  ];
  return { subject: `${inviterName} invited you to ${tenantName}`, text: `${lines.join('\n\n')}\n\n${link}\n`, html: html(lines, link, 'Accept the invitation') };
}

export function magicLinkEmail(input: { locale: MailLocale; tenantName: string; link: string; expiresInMinutes: number }): ComposedMail {
  const { tenantName, link, expiresInMinutes: minutes } = input;
  if (input.locale === 'zh-CN') {
    const lines = [`您正在登录「${tenantName}」帮助中心。`, `请在 ${minutes} 分钟内打开下面的链接，链接只能使用一次。如果不是您本人操作，请忽略这封邮件。`];
    return { subject: `登录「${tenantName}」帮助中心`, text: `${lines.join('\n\n')}\n\n${link}\n`, html: html(lines, link, '登录') };
  }
  const lines = [
    `Here is your link to sign in to the ${tenantName} help center.`,
    `It works once, within ${minutes} minutes. If you did not ask for it, ignore this email.`,
  ];
  return { subject: `Sign in to ${tenantName}`, text: `${lines.join('\n\n')}\n\n${link}\n`, html: html(lines, link, 'Sign in') };
}
