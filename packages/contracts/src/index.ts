export * from './tickets.ts';
export * from './views.ts';
export * from './search.ts';
export * from './email.ts';
export * from './customers.ts';
