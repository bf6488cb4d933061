import { api } from '../../../lib/api';

/** The few fields of a user the desk shows next to tickets and messages. */
export interface Person {
  id: string;
  name: string;
  email: string | null;
  role: string;
}

export const peopleApi = {
  get: (id: string, signal?: AbortSignal) => api.get<Person>(`/api/v1/users/${encodeURIComponent(id)}`, { signal }),
};
