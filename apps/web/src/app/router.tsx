import type { QueryClient } from '@tanstack/react-query';
import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate } from 'react-router';
import { PageLoader } from '../ui';
import { AppLayout } from './app-layout';
import { RedirectIfSignedIn, RequireSession, SetupGate } from './gates';
import { pages } from './pages';
import type { LazyPage } from './lazy-page';
import { allTicketsData, ticketData, viewData, workspaceData } from './route-data';
import { PreloadWhenIdle } from './warm-up';

function Loading() {
  const { t } = useTranslation();
  return <PageLoader label={t('common.loading')} />;
}

function page({ Page }: LazyPage): ReactNode {
  return (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
}

export function createRouter(queryClient: QueryClient) {
  return createBrowserRouter([
    {
      element: <SetupGate />,
      // Shown while the route loaders start (they never wait, so only for a moment).
      hydrateFallbackElement: <Loading />,
      children: [
        { path: '/setup', element: page(pages.setup) },
        { path: '/accept-invite', element: page(pages.acceptInvite) },
        { path: '/portal/*', element: page(pages.portal) },
        {
          element: <RedirectIfSignedIn />,
          children: [
            {
              path: '/sign-in',
              // An agent signs in next: the workspace's code is fetched while they type.
              element: (
                <>
                  {page(pages.signIn)}
                  <PreloadWhenIdle chunks={[pages.workspace, pages.allTickets, pages.view]} />
                </>
              ),
            },
          ],
        },
        {
          element: <RequireSession />,
          children: [
            {
              element: <AppLayout />,
              children: [
                { index: true, element: <Navigate to="/tickets" replace /> },
                {
                  // The agent workspace: the rail of views around lists, tickets and search.
                  element: page(pages.workspace),
                  loader: workspaceData(queryClient),
                  children: [
                    { path: '/tickets', element: page(pages.allTickets), loader: allTicketsData(queryClient) },
                    { path: '/tickets/new', element: page(pages.newTicket) },
                    { path: '/tickets/:ticketId', element: page(pages.ticket), loader: ticketData(queryClient) },
                    { path: '/views/:viewId', element: page(pages.view), loader: viewData(queryClient) },
                    { path: '/search', element: page(pages.search) },
                    { path: '/customers/:customerId', element: page(pages.customer) },
                    { path: '/email/quarantine', element: page(pages.quarantine) },
                  ],
                },
                { path: '/admin/:section?', element: page(pages.admin) },
                { path: '*', element: page(pages.notFound) },
              ],
            },
          ],
        },
      ],
    },
  ]);
}
