// People: the users shown beside tickets and messages (names, emails).
export { usePeople, peopleKeys } from './hooks/use-people';
export type { Person } from './api/people-api';
