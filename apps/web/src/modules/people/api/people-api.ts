import { api } from '../../../lib/api';

/** The few fields of a user the desk shows next to tickets and messages. */
export interface Person {
  id: string;
  name: string;
  email: string | null;
  role: string;
}

/** The most ids the server takes in one `GET /users?ids=` call. */
export const PEOPLE_BATCH = 100;

export const peopleApi = {
  get: (id: string, signal?: AbortSignal) => api.get<Person>(`/api/v1/users/${encodeURIComponent(id)}`, { signal }),
  /** Many users in one request (a page of tickets names up to 50 people). */
  many: (ids: readonly string[], signal?: AbortSignal) =>
    api.get<{ data: Person[] }>(`/api/v1/users?ids=${ids.map(encodeURIComponent).join(',')}&limit=${PEOPLE_BATCH}`, { signal }),
};
