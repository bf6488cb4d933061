import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { sessionApi, type LoginInput, type Session, type SetupInput } from '../api/session-api';
import { sessionKeys } from './session-keys';

/** Whether this install still needs its first-run set-up. */
export function useSetupStatus() {
  return useQuery({ queryKey: sessionKeys.setup(), queryFn: sessionApi.setupStatus, staleTime: Infinity, retry: 1 });
}

/** The signed-in session (null when signed out). */
export function useSession() {
  return useQuery({ queryKey: sessionKeys.me(), queryFn: sessionApi.me, staleTime: 5 * 60_000, retry: 1 });
}

function useSignedIn() {
  const queryClient = useQueryClient();
  return async (session: Session | null) => {
    queryClient.setQueryData(sessionKeys.setup(), { needed: false });
    // The login answer may be slimmer than /auth/me: fetch the full session when it is.
    if (session) queryClient.setQueryData(sessionKeys.me(), session);
    else await queryClient.invalidateQueries({ queryKey: sessionKeys.me() });
  };
}

export function useLogin() {
  const signedIn = useSignedIn();
  return useMutation({ mutationFn: (input: LoginInput) => sessionApi.login(input), onSuccess: signedIn });
}

export function useSetup() {
  const signedIn = useSignedIn();
  return useMutation({ mutationFn: (input: SetupInput) => sessionApi.setup(input), onSuccess: signedIn });
}

/**
 * Signs out. `leave` runs first (navigate away while the signed-in screen is still mounted), then
 * the cache is cleared: the other order lets the session guard redirect on its own, and a
 * navigate called from the unmounted screen is lost.
 */
export function useLogout(leave?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sessionApi.logout,
    onSettled: () => {
      leave?.();
      // Nothing of the previous user stays in memory.
      queryClient.clear();
      queryClient.setQueryData(sessionKeys.me(), null);
      queryClient.setQueryData(sessionKeys.setup(), { needed: false });
    },
  });
}
