import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { Ticket } from '../api/tickets-api';
import { ticketKeys } from '../hooks/ticket-keys';
import { ALL_TICKETS, ticketListQuery, ticketMessagesQuery, ticketQuery } from '../hooks/use-tickets';
import { listedTicket } from './listed-ticket';

const ticket = (id: string, version = 1): Ticket =>
  ({
    id,
    number: id,
    subject: `Ticket ${id}`,
    status: 'open',
    status_id: '2',
    status_name: 'Open',
    priority: 'normal',
    requester_id: '7',
    assignee_id: null,
    group_id: null,
    version,
    tags: [],
    custom_fields: {},
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
  }) as unknown as Ticket;

describe('a ticket opened from a list', () => {
  it('is found in any cached list: pages of a view, all tickets, one page of a customer’s tickets', () => {
    const client = new QueryClient();
    client.setQueryData(['views', 'tickets', '3'], { pages: [{ data: [ticket('1')], next_cursor: 'x' }, { data: [ticket('2')], next_cursor: null }], pageParams: [null, 'x'] });
    client.setQueryData(ticketKeys.byRequester('7'), [ticket('4')]);
    expect(listedTicket(client, '2')?.subject).toBe('Ticket 2');
    expect(listedTicket(client, '4')?.id).toBe('4');
    expect(listedTicket(client, '9')).toBeUndefined();
  });

  it('takes the newest version when lists disagree, and ignores what is not a ticket', () => {
    const client = new QueryClient();
    client.setQueryData(ticketKeys.list(ALL_TICKETS), { pages: [{ data: [ticket('1', 2)], next_cursor: null }], pageParams: [null] });
    client.setQueryData(['views', 'tickets', '5'], { pages: [{ data: [ticket('1', 5)], next_cursor: null }], pageParams: [null] });
    client.setQueryData(['people', '1'], { id: '1', name: 'Ada', email: null, role: 'agent' });
    client.setQueryData(['search', 'quick', 'x'], { data: [{ id: '1', type: 'ticket', title: 'Ticket 1' }] });
    expect(listedTicket(client, '1')?.version).toBe(5);
  });
});

describe('query options', () => {
  it('use the module’s query keys, so a prefetch and the page share one cache entry', () => {
    expect(ticketQuery('5').queryKey).toEqual(ticketKeys.detail('5'));
    expect(ticketMessagesQuery('5').queryKey).toEqual(ticketKeys.messages('5'));
    expect(ticketListQuery(ALL_TICKETS).queryKey).toEqual(ticketKeys.list({ limit: 25, sort: 'updated_at' }));
  });
});
