import { describe, expect, it } from 'vitest';
import type { Message } from '../api/portal-api';
import { customerThread, isOwn, portalCompany, portalKeys } from './portal-utils';

const message = (id: string, isPublic: boolean, at: string, author = '7'): Message => ({
  id, ticket_id: '1', author_id: author, public: isPublic, body: `m${id}`, html_body: null, via: 'web', attachments: [], created_at: at,
});

describe('portal helpers', () => {
  it('picks the company from the address, else the remembered one, ignoring junk', () => {
    expect(portalCompany('?company=Acme-CN', null)).toBe('acme-cn');
    expect(portalCompany('', 'acme')).toBe('acme');
    expect(portalCompany('?company=../../x', 'acme')).toBe('acme');
    expect(portalCompany('?company=', null)).toBeNull();
  });

  it('shows the customer only public messages, oldest first', () => {
    const thread = customerThread([message('3', true, '2026-01-03T00:00:00Z'), message('2', false, '2026-01-02T00:00:00Z'), message('1', true, '2026-01-01T00:00:00Z')]);
    expect(thread.map((m) => m.id)).toEqual(['1', '3']);
    expect(isOwn(message('1', true, 'x', '7'), '7')).toBe(true);
    expect(isOwn(message('1', true, 'x', '8'), '7')).toBe(false);
    expect(isOwn(message('1', true, 'x', '7'), undefined)).toBe(false);
  });

  it('keys every portal query under one root', () => {
    expect(portalKeys.messages('5').slice(0, 3)).toEqual(portalKeys.ticket('5'));
    expect(portalKeys.tenant(null)).toEqual(['portal', 'tenant', '']);
  });
});
