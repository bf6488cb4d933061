import { describe, expect, it } from 'vitest';
import { othersOnTicket, presenceFrame } from './presence-frames';

describe('presence', () => {
  it('says what the server reads', () => {
    expect(presenceFrame('12', 'replying')).toEqual({ type: 'presence', ticket_id: '12', state: 'replying' });
  });

  it('shows the others, replying first', () => {
    const users = [
      { id: '1', name: 'Me', state: 'viewing' as const },
      { id: '2', name: 'Alex', state: 'viewing' as const },
      { id: '3', name: '王芳', state: 'replying' as const },
    ];
    expect(othersOnTicket(users, '1').map((user) => user.name)).toEqual(['王芳', 'Alex']);
    expect(othersOnTicket(users, undefined)).toHaveLength(3);
  });
});
