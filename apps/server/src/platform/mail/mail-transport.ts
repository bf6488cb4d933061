import nodemailer from 'nodemailer';

/** What the sender needs from an SMTP client (nodemailer's transport, or anything speaking SMTP). */
export interface MailTransport {
  send: (message: { from: string; to: string; subject: string; text: string; html?: string }) => Promise<{ messageId: string }>;
  close: () => void;
}

/** An SMTP transport for `SMTP_URL`, or undefined when no URL is configured. */
export function createSmtpTransport(smtpUrl: string | undefined): MailTransport | undefined {
  if (!smtpUrl) return undefined;
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    send: async (message) => {
      const info = await transporter.sendMail(message);
      return { messageId: String(info.messageId ?? '') };
    },
    close: () => transporter.close(),
  };
}
