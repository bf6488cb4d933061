import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { prefetchTicketConfig } from '../modules/tickets';
import type { LazyPage } from './lazy-page';
import { pages } from './pages';

const idle = (run: () => void): (() => void) => {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(run, { timeout: 2_000 });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(run, 200);
  return () => clearTimeout(timer);
};

/**
 * Runs `run` once nothing is being fetched (the screen is shown) and the browser is idle, or
 * after `latest` ms anyway: an agent who moves on at once should not wait for a quiet moment.
 */
export function whenQuiet(queryClient: QueryClient, run: () => void, latest = 800): () => void {
  let done = false;
  let forced = false;
  let cancelIdle: (() => void) | undefined;
  const arm = () => (cancelIdle ??= idle(fire));
  const disarm = () => {
    cancelIdle?.();
    cancelIdle = undefined;
  };
  const onChange = () => {
    if (done || forced) return;
    // A fetch under way: wait for it too.
    if (queryClient.isFetching() > 0) disarm();
    else arm();
  };
  const stop = queryClient.getQueryCache().subscribe(onChange);
  const deadline = setTimeout(() => {
    forced = true;
    arm();
  }, latest);
  const cleanup = () => {
    stop();
    clearTimeout(deadline);
    disarm();
  };
  function fire() {
    if (done) return;
    done = true;
    cleanup();
    run();
  }
  onChange();
  return () => {
    done = true;
    cleanup();
  };
}

const preloadAll = (chunks: LazyPage[]) => {
  // A chunk that fails now is fetched again when its page is opened.
  for (const chunk of chunks) chunk.preload().catch(() => undefined);
};

/** Fetches page chunks when the browser is idle (the sign-in page: the workspace comes next). */
export function PreloadWhenIdle({ chunks }: { chunks: LazyPage[] }) {
  useEffect(() => idle(() => preloadAll(chunks)), [chunks]);
  return null;
}

/**
 * Once the desk's first screen is shown and the network is quiet, fetches what the first ticket
 * will need: the ticket page's code and the configuration its form reads. Opening it then
 * waits for the ticket's own data only. (The screens' own data is started by the route loaders,
 * route-data.ts.)
 */
export function useWarmUp(role: string | undefined) {
  const queryClient = useQueryClient();
  const staff = Boolean(role && role !== 'customer');
  useEffect(() => {
    if (!staff) return;
    return whenQuiet(queryClient, () => {
      preloadAll([pages.workspace, pages.allTickets, pages.view, pages.ticket]);
      prefetchTicketConfig(queryClient);
    });
  }, [staff, queryClient]);
}
