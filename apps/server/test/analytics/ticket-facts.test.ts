import { describe, expect, it } from 'vitest';
import { dailyFactIncrement, ticketEventPayload } from '../../src/modules/analytics/domain/ticket-facts.ts';

const event = (overrides: Record<string, unknown>) =>
  ticketEventPayload.parse({ event_id: '1', ticket_id: '2', via: 'email', created_at: '2026-03-01T23:59:59.999+08:00', changes: {}, ...overrides });

describe('daily ticket facts of one event', () => {
  it('counts a created ticket on its UTC day and channel', () => {
    expect(dailyFactIncrement(event({ type: 'ticket.created' }))).toEqual({ day: '2026-03-01', via: 'email', created: 1, solved: 0, publicReplies: 0 });
    expect(dailyFactIncrement(event({ type: 'ticket.created', created_at: '2026-03-02T07:30:00+08:00' }))?.day).toBe('2026-03-01');
  });

  it('counts a solve when the status category goes into solved, once', () => {
    expect(dailyFactIncrement(event({ type: 'ticket.updated', changes: { status_category: ['open', 'solved'] } }))).toMatchObject({ solved: 1, created: 0 });
    expect(dailyFactIncrement(event({ type: 'ticket.updated', changes: { status_category: ['solved', 'closed'] } }))).toBeNull();
    expect(dailyFactIncrement(event({ type: 'ticket.updated', changes: { priority: ['low', 'high'] } }))).toBeNull();
    // A ticket created already solved is both created and solved.
    expect(dailyFactIncrement(event({ type: 'ticket.created', changes: { status_category: [null, 'solved'] } }))).toMatchObject({ created: 1, solved: 1 });
  });

  it('counts public replies, not internal notes', () => {
    expect(dailyFactIncrement(event({ type: 'message.created', public: true }))).toMatchObject({ publicReplies: 1 });
    expect(dailyFactIncrement(event({ type: 'message.created', data: { public: true } }))).toMatchObject({ publicReplies: 1 });
    expect(dailyFactIncrement(event({ type: 'message.created', public: false, data: { public: false } }))).toBeNull();
    expect(dailyFactIncrement(event({ type: 'ticket.follow_up_created' }))).toBeNull();
  });

  it('rejects payloads without the fields it needs', () => {
    expect(ticketEventPayload.safeParse({ type: 'ticket.created' }).success).toBe(false);
    expect(ticketEventPayload.safeParse({ event_id: 1, ticket_id: 2, type: 'x', via: 'api', created_at: 'not a date' }).success).toBe(false);
  });
});
