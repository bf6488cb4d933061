import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, corpusFile } from '../fixtures/mail/corpus.ts';
import { startEmailStack, type EmailStack } from './email-support.ts';

/**
 * Every message of the fixture corpus through the real SMTP listener and the worker: each one is
 * stored, then becomes a ticket (or joins one) with its text decoded, or is recognised as
 * auto-mail and left out of tickets. Nothing is lost, nothing waits in the quarantine.
 */
describe('the mail corpus through SMTP', () => {
  let s: EmailStack;
  const inboundOf = new Map<string, Record<string, any>>();

  beforeAll(async () => {
    s = await startEmailStack({ mailbox: { auto_ack_enabled: false } });
    for (const entry of CORPUS) {
      const raw = corpusFile(entry.file);
      // A fresh Message-ID per file, so the corpus's own ids never count as duplicates here.
      const id = `corpus-${entry.file}@test`;
      const body = Buffer.concat([Buffer.from(`Message-ID: <${id}>\r\n`), raw.subarray(raw.indexOf('Message-ID:') === 0 ? raw.indexOf('\n') + 1 : 0)]);
      await s.deliver(body, { from: 'corpus@example.com' });
      inboundOf.set(entry.file, await s.inboundByMessageId(id));
    }
  }, 240_000);
  afterAll(async () => {
    await s?.close();
  });

  it.each(CORPUS.map((entry) => [entry.file, entry] as const))('%s', async (_file, entry) => {
    const inbound = inboundOf.get(entry.file)!;
    if (entry.kind === 'normal') {
      expect(inbound, JSON.stringify(inbound)).toMatchObject({ status: 'processed', kind: 'normal' });
      const message = (await s.api('GET', `/api/v1/tickets/${inbound.ticket_id}/messages`)).body.data.find((m: any) => m.id === inbound.message_ref_id);
      if (entry.expectSubjectIncludes) expect(message.email.subject).toContain(entry.expectSubjectIncludes);
      if (entry.expectTextIncludes) expect(`${message.body}\n${message.email.quoted_text ?? ''}`).toContain(entry.expectTextIncludes);
    } else {
      expect(inbound).toMatchObject({ status: 'ignored', kind: entry.kind });
    }
  });

  it('keeps a mail\'s attachments in their order, and points an inline image at its stored file', async () => {
    const messageOf = async (file: string) => {
      const inbound = inboundOf.get(file)!;
      return (await s.api('GET', `/api/v1/tickets/${inbound.ticket_id}/messages`)).body.data.find((m: any) => m.id === inbound.message_ref_id);
    };
    const withFiles = await messageOf('16-attachments.eml');
    expect(withFiles.attachments.map((a: any) => a.file_name)).toEqual(['receipt.pdf', 'claim-form.docx']);
    const withImage = await messageOf('15-inline-cid-image.eml');
    expect(withImage.attachments.map((a: any) => a.file_name)).toEqual(['screenshot.png']);
    expect(withImage.html_body).toContain(`/api/v1/attachments/${withImage.attachments[0].id}`);
    expect(withImage.html_body).not.toContain('cid:');
  });
});
