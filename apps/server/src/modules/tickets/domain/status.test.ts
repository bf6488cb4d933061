import { describe, expect, it } from 'vitest';
import { categoryAfterCustomerReply, initialStatus, planStatusTransition, STATUS_CATEGORIES, type StatusCategory } from './status.ts';

const now = new Date('2026-03-01T10:00:00Z');
const earlier = new Date('2026-02-20T08:00:00Z');

describe('planStatusTransition', () => {
  const refused: Array<[StatusCategory, StatusCategory, string]> = [
    ...STATUS_CATEGORIES.map((to) => ['closed', to, 'TICKET_CLOSED'] as [StatusCategory, StatusCategory, string]),
    ['open', 'new', 'TICKET_STATUS_TRANSITION_INVALID'],
    ['pending', 'new', 'TICKET_STATUS_TRANSITION_INVALID'],
    ['solved', 'new', 'TICKET_STATUS_TRANSITION_INVALID'],
    ['new', 'closed', 'TICKET_STATUS_TRANSITION_INVALID'],
    ['open', 'closed', 'TICKET_STATUS_TRANSITION_INVALID'],
    ['pending', 'closed', 'TICKET_STATUS_TRANSITION_INVALID'],
    ['on_hold', 'closed', 'TICKET_STATUS_TRANSITION_INVALID'],
  ];
  it.each(refused)('refuses %s -> %s with %s', (from, to, code) => {
    const result = planStatusTransition(from, to, { solvedAt: null, closedAt: null }, now);
    expect(result).toMatchObject({ ok: false, code });
  });

  const allowed: Array<[StatusCategory, StatusCategory, Date | null, Date | null, Date | null, boolean]> = [
    // from, to, solvedAt before, solvedAt after, closedAt after, changed
    ['new', 'new', null, null, null, false],
    ['new', 'open', null, null, null, true],
    ['new', 'pending', null, null, null, true],
    ['new', 'on_hold', null, null, null, true],
    ['new', 'solved', null, now, null, true],
    ['open', 'solved', null, now, null, true],
    ['pending', 'solved', null, now, null, true],
    ['on_hold', 'solved', null, now, null, true],
    ['open', 'pending', null, null, null, true],
    ['pending', 'on_hold', null, null, null, true],
    ['solved', 'solved', earlier, earlier, null, false],
    ['solved', 'open', earlier, null, null, true],
    ['solved', 'pending', earlier, null, null, true],
    ['solved', 'on_hold', earlier, null, null, true],
    ['solved', 'closed', earlier, earlier, now, true],
  ];
  it.each(allowed)('%s -> %s stamps solved_at and closed_at', (from, to, solvedBefore, solvedAfter, closedAfter, changed) => {
    const result = planStatusTransition(from, to, { solvedAt: solvedBefore, closedAt: null }, now);
    expect(result).toEqual({ ok: true, stamps: { solvedAt: solvedAfter, closedAt: closedAfter }, changed });
  });

  it('keeps a missing solved_at filled when a solved ticket closes', () => {
    expect(planStatusTransition('solved', 'closed', { solvedAt: null, closedAt: null }, now)).toMatchObject({
      ok: true,
      stamps: { solvedAt: now, closedAt: now },
    });
  });
});

describe('initialStatus', () => {
  it.each(STATUS_CATEGORIES.filter((category) => category !== 'closed'))('accepts creating a %s ticket', (category) => {
    expect(initialStatus(category, now)).toEqual({ ok: true, stamps: { solvedAt: category === 'solved' ? now : null, closedAt: null } });
  });
  it('refuses creating a closed ticket', () => {
    expect(initialStatus('closed', now)).toMatchObject({ ok: false, code: 'TICKET_STATUS_TRANSITION_INVALID' });
  });
});

describe('categoryAfterCustomerReply', () => {
  it.each([
    ['new', 'new'],
    ['open', 'open'],
    ['pending', 'open'],
    ['on_hold', 'on_hold'],
    ['solved', 'open'],
    ['closed', 'closed'],
  ] as Array<[StatusCategory, StatusCategory]>)('%s becomes %s', (from, to) => {
    expect(categoryAfterCustomerReply(from)).toBe(to);
  });
});
