import { describe, expect, it } from 'vitest';
import { emailThreadJournal } from '../../src/modules/email/inbound/thread-journal.ts';

/** What a batch's threading sees of the threads and Message-IDs it made but has not written yet. */
describe('email thread journal', () => {
  const tokens = () => {
    let n = 0;
    return () => `token${++n}`;
  };

  it('keeps one thread per ticket and finds tickets by its token and by the Message-IDs that landed on them, latest first', () => {
    const journal = emailThreadJournal();
    const newToken = tokens();
    expect(journal.ensure('10', '1', newToken, { messageIdHeader: 'a@x', messageId: '100' })).toEqual({ reply_token: 'token1' });
    expect(journal.ensure('10', '1', newToken, { messageIdHeader: 'b@x', messageId: '101' })).toEqual({ reply_token: 'token1' });
    journal.ensure('11', '1', newToken, { messageIdHeader: 'a@x', messageId: '102' });
    expect(journal.ticketForToken('token1')).toBe('10');
    expect(journal.ticketForToken('token2')).toBe('11');
    expect(journal.ticketForToken('token3')).toBeNull();
    expect(journal.ticketForMessageIds(['b@x'])).toBe('10');
    // The same id landed twice: the later mail's ticket, as the table's newest row would say.
    expect(journal.ticketForMessageIds(['a@x', 'zzz'])).toBe('11');
    expect(journal.ticketForMessageIds(['zzz'])).toBeNull();
  });

  it('forgets what a rolled-back savepoint added', () => {
    const journal = emailThreadJournal();
    const newToken = tokens();
    journal.ensure('10', '1', newToken, { messageIdHeader: 'a@x', messageId: '100' });
    const mark = journal.mark();
    journal.ensure('11', '1', newToken, { messageIdHeader: 'b@x', messageId: '101' });
    journal.rollbackTo(mark);
    expect(journal.ticketForToken('token2')).toBeNull();
    expect(journal.ticketForMessageIds(['b@x'])).toBeNull();
    expect(journal.ticketForMessageIds(['a@x'])).toBe('10');
  });
});
