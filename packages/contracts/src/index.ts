export * from './tickets.ts';
export * from './views.ts';
export * from './search.ts';
