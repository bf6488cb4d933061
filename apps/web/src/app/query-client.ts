import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../lib/api';
import { sessionKeys } from '../modules/session';

/**
 * One query client for the app. Client errors (4xx) are not retried: asking again will not
 * change the answer. A 401 on any query means the session ended: the session is forgotten and
 * the router sends the user to sign in.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        const isSessionQuery = query.queryKey[0] === sessionKeys.all[0];
        if (error instanceof ApiError && error.status === 401 && !isSessionQuery) {
          client.setQueryData(sessionKeys.me(), null);
        }
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) => {
          if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
          return failureCount < 2;
        },
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
  return client;
}
