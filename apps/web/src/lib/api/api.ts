import { createApiClient } from './api-client';

/** The app's client: same origin (the Vite dev server proxies /api in development). */
export const api = createApiClient();
