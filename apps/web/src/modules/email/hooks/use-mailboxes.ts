import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { emailApi, type ConnectionTarget, type MailboxCreateBody, type MailboxUpdateBody } from '../api/email-api';
import { emailKeys } from './email-keys';

export const useMailboxes = (enabled = true) =>
  useQuery({ queryKey: emailKeys.mailboxes(), queryFn: ({ signal }) => emailApi.mailboxes.list(signal), enabled, staleTime: 30_000 });

/** Create (with its idempotency key) or update one mailbox; the list refetches after either. */
export function useSaveMailbox(mailboxId: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { body: MailboxCreateBody & MailboxUpdateBody; idempotencyKey: string }) =>
      mailboxId ? emailApi.mailboxes.update(mailboxId, input.body) : emailApi.mailboxes.create(input.body, input.idempotencyKey),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: emailKeys.mailboxes() }),
  });
}

export function useDeleteMailbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mailboxId: string) => emailApi.mailboxes.remove(mailboxId),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: emailKeys.mailboxes() }), queryClient.invalidateQueries({ queryKey: emailKeys.inboundRoot() })]),
  });
}

/** "Test IMAP" / "Test SMTP": the answer (working or not) is the data; only a refused call is an error. */
export function useConnectionTest(mailboxId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (target: ConnectionTarget) => emailApi.mailboxes.test(mailboxId, target),
    // An IMAP test may record the mailbox's last error or poll time.
    onSettled: () => queryClient.invalidateQueries({ queryKey: emailKeys.mailboxes() }),
  });
}
