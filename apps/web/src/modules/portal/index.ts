// The customer help portal: sign in by emailed link or password, follow and answer one's own requests, open new ones.
export { portalApi, type PortalTenant } from './api/portal-api';
export { portalKeys, portalCompany, rememberCompany, storedCompany } from './utils/portal-utils';
export { usePortalTenant } from './hooks/use-portal';
export { PortalLayout } from './components/portal-layout';
export { PortalSignIn } from './components/portal-sign-in';
export { PortalTickets } from './components/portal-tickets';
export { PortalTicket } from './components/portal-ticket';
export { PortalNewTicket } from './components/portal-new-ticket';
