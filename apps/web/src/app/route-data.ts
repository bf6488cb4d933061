import type { QueryClient } from '@tanstack/react-query';
import type { LoaderFunctionArgs } from 'react-router';
import { ALL_TICKETS, groupsQuery, prefetchTicket, ticketListQuery } from '../modules/tickets';
import { viewCountsQuery, viewRefOf, viewsQuery, viewTicketsQuery } from '../modules/views';
import type { LazyPage } from './lazy-page';
import { pages } from './pages';

// Route loaders that never block: each starts what its page will ask for (the page's code and
// its queries, under the same keys) and returns at once. They run when a navigation starts, so
// the requests travel while React renders the transition, not after it. A signed-out visitor's
// requests fail with 401, which the query client turns into "signed out" as it would anyway.

type Loader = (args: LoaderFunctionArgs) => null;

const chunk = (page: LazyPage) => void page.preload().catch(() => undefined);

/** The workspace frame: the rail's views, their counts, the group names of the lists. */
export const workspaceData =
  (queryClient: QueryClient): Loader =>
  () => {
    chunk(pages.workspace);
    void queryClient.prefetchQuery(viewsQuery());
    void queryClient.prefetchQuery(viewCountsQuery());
    void queryClient.prefetchQuery(groupsQuery());
    return null;
  };

export const allTicketsData =
  (queryClient: QueryClient): Loader =>
  () => {
    chunk(pages.allTickets);
    void queryClient.prefetchInfiniteQuery(ticketListQuery(ALL_TICKETS));
    return null;
  };

export const viewData =
  (queryClient: QueryClient): Loader =>
  ({ params }) => {
    chunk(pages.view);
    if (params.viewId) void queryClient.prefetchInfiniteQuery(viewTicketsQuery(viewRefOf(params.viewId)));
    return null;
  };

export const ticketData =
  (queryClient: QueryClient): Loader =>
  ({ params }) => {
    chunk(pages.ticket);
    if (params.ticketId && /^\d+$/.test(params.ticketId)) prefetchTicket(queryClient, params.ticketId);
    return null;
  };
