import { describe, expect, it } from 'vitest';
import { ticketInvalidations } from '../hooks/ticket-invalidations';
import { ticketKeys } from '../hooks/ticket-keys';
import { keyForAttempt } from './drafts';
import { customStatusName, statusChoices } from './status';

describe('status choices', () => {
  it('follows the server’s rules: closed is final, nothing goes back to new, only solved closes', () => {
    expect(statusChoices('new')).toEqual(['new', 'open', 'pending', 'on_hold', 'solved']);
    expect(statusChoices('open')).toEqual(['open', 'pending', 'on_hold', 'solved']);
    expect(statusChoices('pending')).toEqual(['open', 'pending', 'on_hold', 'solved']);
    expect(statusChoices('solved')).toEqual(['open', 'pending', 'on_hold', 'solved', 'closed']);
    expect(statusChoices('closed')).toEqual(['closed']);
  });

  it('shows a tenant’s own status name, and translates the default ones', () => {
    expect(customStatusName('on_hold', 'On-hold')).toBeNull();
    expect(customStatusName('open', 'Open')).toBeNull();
    expect(customStatusName('pending', 'pending')).toBeNull();
    expect(customStatusName('on_hold', 'Waiting for parts')).toBe('Waiting for parts');
    expect(customStatusName('open', null)).toBeNull();
  });
});

describe('idempotency keys for drafts', () => {
  let n = 0;
  const newKey = () => `k${++n}`;

  it('keeps the key while the same text is retried, and changes it with the text or visibility', () => {
    const first = keyForAttempt(null, 'Hello', true, newKey);
    expect(keyForAttempt(first, 'Hello', true, newKey)).toBe(first);
    expect(keyForAttempt(first, 'Hello!', true, newKey).key).not.toBe(first.key);
    expect(keyForAttempt(first, 'Hello', false, newKey).key).not.toBe(first.key);
  });
});

describe('realtime invalidations', () => {
  it('refreshes the lists and the ticket named by a ticket notice', () => {
    expect(ticketInvalidations({ type: 'ticket.updated', id: '5', version: 3 })).toEqual([ticketKeys.lists(), ticketKeys.detail('5')]);
    expect(ticketInvalidations({ type: 'ticket.created', id: '6' })).toEqual([ticketKeys.lists(), ticketKeys.detail('6')]);
  });

  it('refreshes a ticket’s messages through its detail key, and no list', () => {
    expect(ticketKeys.messages('5').slice(0, 3)).toEqual(ticketKeys.detail('5'));
    expect(ticketInvalidations({ type: 'message.updated', id: '90', ticketId: '5' })).toEqual([ticketKeys.detail('5')]);
    expect(ticketInvalidations({ type: 'message.created', id: '90' })).toEqual([ticketKeys.all]);
  });

  it('ignores kinds it does not know', () => {
    expect(ticketInvalidations({ type: 'user.updated', id: '1' })).toEqual([]);
  });
});
