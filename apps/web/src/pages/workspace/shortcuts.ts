/** The workspace's single-key shortcuts (no modifier), as listed in the help overlay. */
export const SHORTCUTS = [
  { key: 'j', action: 'next' },
  { key: 'k', action: 'previous' },
  { key: 'r', action: 'reply' },
  { key: 'n', action: 'note' },
  { key: 'a', action: 'assign' },
  { key: 's', action: 'solve' },
  { key: '/', action: 'search' },
  { key: '?', action: 'help' },
] as const;

export type ShortcutAction = (typeof SHORTCUTS)[number]['action'];

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  defaultPrevented?: boolean;
  target?: { tagName?: string; isContentEditable?: boolean; getAttribute?: (name: string) => string | null } | null;
}

/** Where typing means typing: text boxes, selects, editable areas, and open combo boxes. */
export function isTypingTarget(target: KeyLike['target']): boolean {
  if (!target) return false;
  const tag = target.tagName?.toUpperCase();
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (target.isContentEditable) return true;
  const role = target.getAttribute?.('role');
  return role === 'combobox' || role === 'textbox' || role === 'searchbox';
}

/** The action a key press asks for, or null (typing, a modifier held, or not a shortcut). */
export function shortcutAction(event: KeyLike): ShortcutAction | null {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isTypingTarget(event.target)) return null;
  return SHORTCUTS.find((shortcut) => shortcut.key === event.key)?.action ?? null;
}

/** The ticket after (1) or before (-1) `current` in the list the agent came from. */
export function neighbour(queue: readonly string[], current: string | undefined, step: 1 | -1): string | null {
  if (queue.length === 0) return null;
  const index = current ? queue.indexOf(current) : -1;
  if (index === -1) return step === 1 ? queue[0] : null;
  return queue[index + step] ?? null;
}
