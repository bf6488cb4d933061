export * from './tickets.ts';
export * from './views.ts';
