// Customers: who asked, their identities, organization and VIP level, their other tickets.
export { customersApi, type Customer, type Organization, type NewCustomer } from './api/customers-api';
export { customerKeys, useCustomer, useOrganization, useCustomerSearch, useCreateCustomer } from './hooks/use-customers';
export { CustomerPanel } from './components/customer-panel';
export { CustomerPicker, type CustomerChoice } from './components/customer-picker';
