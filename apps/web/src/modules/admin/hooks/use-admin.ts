import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../lib/api';
import { applyFieldErrors, useToast, type FormInstance } from '../../../ui';
import { adminApi, type AuditQuery, type UserQuery } from '../api/admin-api';
import { adminKeys } from './admin-keys';

const fresh = { staleTime: 30_000 };

export const useUsers = (query: UserQuery) =>
  useInfiniteQuery({
    queryKey: adminKeys.users(query),
    queryFn: ({ pageParam, signal }) => adminApi.users.list({ ...query, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    ...fresh,
  });
export const useInvitations = (enabled: boolean) =>
  useQuery({ queryKey: adminKeys.invitations(), queryFn: ({ signal }) => adminApi.invitations.list(signal), enabled, ...fresh });
export const useGroups = () => useQuery({ queryKey: adminKeys.groups(), queryFn: ({ signal }) => adminApi.groups.list(signal), ...fresh });
export const useGroupMembers = (groupId: string | null) =>
  useQuery({ queryKey: adminKeys.groupMembers(groupId ?? ''), queryFn: ({ signal }) => adminApi.groups.members(groupId!, signal), enabled: Boolean(groupId) });
export const useOrganizations = (q: string) =>
  useQuery({ queryKey: adminKeys.organizations(q), queryFn: ({ signal }) => adminApi.organizations.list(q || undefined, signal), ...fresh });
export const useStatuses = () => useQuery({ queryKey: adminKeys.statuses(), queryFn: ({ signal }) => adminApi.statuses.list(signal), ...fresh });
export const useCategories = () => useQuery({ queryKey: adminKeys.categories(), queryFn: ({ signal }) => adminApi.categories.list(signal), ...fresh });
export const useFields = () => useQuery({ queryKey: adminKeys.fields(), queryFn: ({ signal }) => adminApi.fields.list(signal), ...fresh });
export const useForms = () => useQuery({ queryKey: adminKeys.forms(), queryFn: ({ signal }) => adminApi.forms.list(signal), ...fresh });
export const useTags = () => useQuery({ queryKey: adminKeys.tags(), queryFn: ({ signal }) => adminApi.tags.list(signal), ...fresh });
export const useViews = () => useQuery({ queryKey: adminKeys.views(), queryFn: ({ signal }) => adminApi.views.list(signal), retry: false, ...fresh });
export const useTokens = (includeRevoked: boolean) =>
  useQuery({ queryKey: adminKeys.tokens(includeRevoked), queryFn: ({ signal }) => adminApi.tokens.list(includeRevoked, signal), ...fresh });
export const useTenant = () => useQuery({ queryKey: adminKeys.tenant(), queryFn: ({ signal }) => adminApi.tenant.get(signal), ...fresh });
export const useAuditLog = (query: AuditQuery) =>
  useInfiniteQuery({
    queryKey: adminKeys.audit(query),
    queryFn: ({ pageParam, signal }) => adminApi.audit.list({ ...query, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
  });

/**
 * A write from an admin form: on success the listed queries refetch and a short "Saved" shows;
 * on failure the API's field problems go under the form's fields and its code becomes a
 * readable sentence (toast), in the reader's language.
 */
export function useAdminMutation<Input, Output>(
  mutationFn: (input: Input) => Promise<Output>,
  options: { invalidate: QueryKey[]; form?: FormInstance; fieldNames?: readonly string[]; successText?: string | false },
) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const errors = useErrorText();
  const { t } = useTranslation();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await Promise.all(options.invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      if (options.successText !== false) toast.success(options.successText ?? t('admin.common.saved'));
    },
    onError: (error) => {
      if (options.form && options.fieldNames) applyFieldErrors(options.form, errors.fields(error), options.fieldNames);
      toast.error(errors.describe(error));
    },
  });
}
