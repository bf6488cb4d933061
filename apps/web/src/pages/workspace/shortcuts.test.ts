import { describe, expect, it } from 'vitest';
import { neighbour, shortcutAction } from './shortcuts';

const input = { tagName: 'INPUT' };
const div = { tagName: 'DIV', getAttribute: () => null };

describe('keyboard shortcuts', () => {
  it('maps single keys to actions outside text boxes', () => {
    expect(shortcutAction({ key: 'j', target: div })).toBe('next');
    expect(shortcutAction({ key: 'k', target: div })).toBe('previous');
    expect(shortcutAction({ key: 's', target: div })).toBe('solve');
    expect(shortcutAction({ key: '?', target: div })).toBe('help');
    expect(shortcutAction({ key: '/', target: null })).toBe('search');
    expect(shortcutAction({ key: 'x', target: div })).toBeNull();
  });

  it('leaves typing, modified keys and handled events alone', () => {
    expect(shortcutAction({ key: 'r', target: input })).toBeNull();
    expect(shortcutAction({ key: 'r', target: { tagName: 'TEXTAREA' } })).toBeNull();
    expect(shortcutAction({ key: 'r', target: { tagName: 'DIV', isContentEditable: true } })).toBeNull();
    expect(shortcutAction({ key: 'r', target: { tagName: 'DIV', getAttribute: (n) => (n === 'role' ? 'combobox' : null) } })).toBeNull();
    expect(shortcutAction({ key: 'r', ctrlKey: true, target: div })).toBeNull();
    expect(shortcutAction({ key: 'a', metaKey: true, target: div })).toBeNull();
    expect(shortcutAction({ key: 'a', defaultPrevented: true, target: div })).toBeNull();
  });

  it('finds the next and previous ticket of the list the agent came from', () => {
    const queue = ['5', '9', '2'];
    expect(neighbour(queue, '9', 1)).toBe('2');
    expect(neighbour(queue, '9', -1)).toBe('5');
    expect(neighbour(queue, '2', 1)).toBeNull();
    expect(neighbour(queue, '5', -1)).toBeNull();
    expect(neighbour(queue, undefined, 1)).toBe('5');
    expect(neighbour(queue, '77', -1)).toBeNull();
    expect(neighbour([], '1', 1)).toBeNull();
  });
});
