import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import type { ShortcutAction } from './shortcuts';

type Handler = () => void;

/**
 * What the workspace's pages share: the order of the list the agent came from (for j/k), and
 * the handlers of the page shown for the page-level shortcuts (r, n, a, s, j, k).
 */
export interface Workspace {
  queue: { current: string[] };
  handlers: { current: Partial<Record<ShortcutAction, Handler>> };
}

export const WorkspaceContext = createContext<Workspace | null>(null);

export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const queue = useRef<string[]>([]);
  const handlers = useRef<Partial<Record<ShortcutAction, Handler>>>({});
  const value = useRef<Workspace>({ queue, handlers });
  return <WorkspaceContext.Provider value={value.current}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace outside the workspace');
  return workspace;
}

/** Registers the page's shortcut handlers while it is shown (the latest closures, always). */
export function useShortcutHandlers(handlers: Partial<Record<ShortcutAction, Handler>>) {
  const workspace = useWorkspace();
  const latest = useRef(handlers);
  latest.current = handlers;
  const keys = Object.keys(handlers).sort().join();
  useEffect(() => {
    const actions = keys.split(',').filter(Boolean) as ShortcutAction[];
    const registered: Partial<Record<ShortcutAction, Handler>> = {};
    for (const action of actions) registered[action] = () => latest.current[action]?.();
    Object.assign(workspace.handlers.current, registered);
    return () => {
      for (const action of actions) if (workspace.handlers.current[action] === registered[action]) delete workspace.handlers.current[action];
    };
  }, [keys, workspace]);
}
