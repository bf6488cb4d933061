// The identity module's public surface: other modules import from here only.
export { findOrCreateCustomerByEmail, type CustomerRef } from './customers.repo.ts';
