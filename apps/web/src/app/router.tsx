import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate } from 'react-router';
import { PageLoader } from '../ui';
import { AppLayout } from './app-layout';
import { RedirectIfSignedIn, RequireSession, SetupGate } from './gates';

// Each page is its own chunk, fetched the first time it is shown.
const SetupPage = lazy(() => import('../pages/setup/setup-page').then((m) => ({ default: m.SetupPage })));
const SignInPage = lazy(() => import('../pages/sign-in/sign-in-page').then((m) => ({ default: m.SignInPage })));
const TicketsPage = lazy(() => import('../pages/tickets/tickets-page').then((m) => ({ default: m.TicketsPage })));
const TicketDetailPage = lazy(() => import('../pages/tickets/ticket-detail-page').then((m) => ({ default: m.TicketDetailPage })));
const NotFoundPage = lazy(() => import('../pages/not-found/not-found-page').then((m) => ({ default: m.NotFoundPage })));

function Loading() {
  const { t } = useTranslation();
  return <PageLoader label={t('common.loading')} />;
}

function page(Component: ComponentType): ReactNode {
  return (
    <Suspense fallback={<Loading />}>
      <Component />
    </Suspense>
  );
}

export function createRouter() {
  return createBrowserRouter([
    {
      element: <SetupGate />,
      children: [
        { path: '/setup', element: page(SetupPage) },
        { element: <RedirectIfSignedIn />, children: [{ path: '/sign-in', element: page(SignInPage) }] },
        {
          element: <RequireSession />,
          children: [
            {
              element: <AppLayout />,
              children: [
                { index: true, element: <Navigate to="/tickets" replace /> },
                { path: '/tickets', element: page(TicketsPage) },
                { path: '/tickets/:ticketId', element: page(TicketDetailPage) },
                { path: '*', element: page(NotFoundPage) },
              ],
            },
          ],
        },
      ],
    },
  ]);
}
