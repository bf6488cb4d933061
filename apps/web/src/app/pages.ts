import { lazyPage } from './lazy-page';

// Each page is its own chunk, fetched the first time it is shown, or ahead of time (warm-up.ts).
export const pages = {
  setup: lazyPage(() => import('../pages/setup/setup-page').then((m) => m.SetupPage)),
  signIn: lazyPage(() => import('../pages/sign-in/sign-in-page').then((m) => m.SignInPage)),
  workspace: lazyPage(() => import('../pages/workspace/workspace-layout').then((m) => m.WorkspaceLayout)),
  allTickets: lazyPage(() => import('../pages/workspace/view-page').then((m) => m.AllTicketsPage)),
  view: lazyPage(() => import('../pages/workspace/view-page').then((m) => m.ViewPage)),
  ticket: lazyPage(() => import('../pages/tickets/ticket-detail-page').then((m) => m.TicketDetailPage)),
  newTicket: lazyPage(() => import('../pages/tickets/new-ticket-page').then((m) => m.NewTicketPage)),
  quarantine: lazyPage(() => import('../pages/email/quarantine-page').then((m) => m.QuarantinePage)),
  customer: lazyPage(() => import('../pages/customers/customer-page').then((m) => m.CustomerPage)),
  search: lazyPage(() => import('../pages/search/search-page').then((m) => m.SearchPage)),
  admin: lazyPage(() => import('../pages/admin/admin-page').then((m) => m.AdminPage)),
  acceptInvite: lazyPage(() => import('../pages/admin/accept-invite-page').then((m) => m.AcceptInvitePage)),
  portal: lazyPage(() => import('../pages/portal/portal-app').then((m) => m.PortalApp)),
  notFound: lazyPage(() => import('../pages/not-found/not-found-page').then((m) => m.NotFoundPage)),
};
