/** Query keys of the session module. */
export const sessionKeys = {
  all: ['session'] as const,
  me: () => [...sessionKeys.all, 'me'] as const,
  setup: () => [...sessionKeys.all, 'setup'] as const,
};
