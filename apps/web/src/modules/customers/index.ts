// Customers: who asked, their identities, organization and VIP level, their other tickets; the
// customer page (Customer 360) with identities, notes, every ticket, merges and history.
export { customersApi, type Customer, type Organization, type NewCustomer } from './api/customers-api';
export { customer360Api } from './api/customer-360-api';
export { customerKeys, customerQuery, requesterTicketsQuery, useCustomer, useOrganization, useCustomerSearch, useCreateCustomer } from './hooks/use-customers';
export { customer360Keys, useCustomer360, useCustomerTickets, useCustomerHistory, useCustomerChanges, useMergeCustomer } from './hooks/use-customer-360';
export { useCustomerErrorText } from './hooks/use-customer-error';
export { CustomerPanel } from './components/customer-panel';
export { CustomerPicker, type CustomerChoice } from './components/customer-picker';
export { CustomerHeader } from './components/customer-header';
export { CustomerEditDialog } from './components/customer-edit-dialog';
export { IdentitiesCard } from './components/identities-card';
export { NotesCard } from './components/notes-card';
export { CustomerTickets } from './components/customer-tickets';
export { CustomerHistory } from './components/customer-history';
export { MergeDialog } from './components/merge-dialog';
