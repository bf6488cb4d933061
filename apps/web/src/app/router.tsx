import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate } from 'react-router';
import { PageLoader } from '../ui';
import { AppLayout } from './app-layout';
import { RedirectIfSignedIn, RequireSession, SetupGate } from './gates';

// Each page is its own chunk, fetched the first time it is shown.
const SetupPage = lazy(() => import('../pages/setup/setup-page').then((m) => ({ default: m.SetupPage })));
const SignInPage = lazy(() => import('../pages/sign-in/sign-in-page').then((m) => ({ default: m.SignInPage })));
const WorkspaceLayout = lazy(() => import('../pages/workspace/workspace-layout').then((m) => ({ default: m.WorkspaceLayout })));
const AllTicketsPage = lazy(() => import('../pages/workspace/view-page').then((m) => ({ default: m.AllTicketsPage })));
const ViewPage = lazy(() => import('../pages/workspace/view-page').then((m) => ({ default: m.ViewPage })));
const TicketDetailPage = lazy(() => import('../pages/tickets/ticket-detail-page').then((m) => ({ default: m.TicketDetailPage })));
const NewTicketPage = lazy(() => import('../pages/tickets/new-ticket-page').then((m) => ({ default: m.NewTicketPage })));
const QuarantinePage = lazy(() => import('../pages/email/quarantine-page').then((m) => ({ default: m.QuarantinePage })));
const CustomerPage = lazy(() => import('../pages/customers/customer-page').then((m) => ({ default: m.CustomerPage })));
const SearchPage = lazy(() => import('../pages/search/search-page').then((m) => ({ default: m.SearchPage })));
const AdminPage = lazy(() => import('../pages/admin/admin-page').then((m) => ({ default: m.AdminPage })));
const AcceptInvitePage = lazy(() => import('../pages/admin/accept-invite-page').then((m) => ({ default: m.AcceptInvitePage })));
const PortalApp = lazy(() => import('../pages/portal/portal-app').then((m) => ({ default: m.PortalApp })));
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
        { path: '/accept-invite', element: page(AcceptInvitePage) },
        { path: '/portal/*', element: page(PortalApp) },
        { element: <RedirectIfSignedIn />, children: [{ path: '/sign-in', element: page(SignInPage) }] },
        {
          element: <RequireSession />,
          children: [
            {
              element: <AppLayout />,
              children: [
                { index: true, element: <Navigate to="/tickets" replace /> },
                {
                  // The agent workspace: the rail of views around lists, tickets and search.
                  element: page(WorkspaceLayout),
                  children: [
                    { path: '/tickets', element: page(AllTicketsPage) },
                    { path: '/tickets/new', element: page(NewTicketPage) },
                    { path: '/tickets/:ticketId', element: page(TicketDetailPage) },
                    { path: '/views/:viewId', element: page(ViewPage) },
                    { path: '/search', element: page(SearchPage) },
                    { path: '/customers/:customerId', element: page(CustomerPage) },
                    { path: '/email/quarantine', element: page(QuarantinePage) },
                  ],
                },
                { path: '/admin/:section?', element: page(AdminPage) },
                { path: '*', element: page(NotFoundPage) },
              ],
            },
          ],
        },
      ],
    },
  ]);
}
