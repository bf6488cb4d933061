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

/** Runs `run` once nothing is being fetched and the browser is idle: after the screen is shown. */
function whenQuiet(queryClient: QueryClient, run: () => void): () => void {
  let cancelIdle: (() => void) | undefined;
  let done = false;
  const check = () => {
    if (done || cancelIdle || queryClient.isFetching() > 0) return;
    cancelIdle = idle(() => {
      done = true;
      stop();
      run();
    });
  };
  const stop = queryClient.getQueryCache().subscribe(() => {
    // A new fetch started: wait for it too.
    if (queryClient.isFetching() > 0 && cancelIdle && !done) {
      cancelIdle();
      cancelIdle = undefined;
    }
    check();
  });
  check();
  return () => {
    done = true;
    stop();
    cancelIdle?.();
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
