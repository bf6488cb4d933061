import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { workspaceApi } from '../api/workspace-api';
import { ticketKeys } from './ticket-keys';

/** Configuration changes rarely: read once, kept ten minutes. */
const CONFIG_STALE = 10 * 60_000;

export const configKeys = {
  all: ['ticket-config'] as const,
  statuses: () => [...configKeys.all, 'statuses'] as const,
  categories: () => [...configKeys.all, 'categories'] as const,
  fields: () => [...configKeys.all, 'fields'] as const,
  forms: () => [...configKeys.all, 'forms'] as const,
  groups: () => [...configKeys.all, 'groups'] as const,
  members: (groupId: string) => [...configKeys.all, 'members', groupId] as const,
  agents: () => [...configKeys.all, 'agents'] as const,
  tags: (q: string) => [...configKeys.all, 'tags', q] as const,
};

// Query options shared by the hooks and prefetchTicketConfig.
export const statusesQuery = () =>
  queryOptions({ queryKey: configKeys.statuses(), queryFn: ({ signal }) => workspaceApi.statuses(signal), staleTime: CONFIG_STALE });
export const categoriesQuery = () =>
  queryOptions({ queryKey: configKeys.categories(), queryFn: ({ signal }) => workspaceApi.categories(signal), staleTime: CONFIG_STALE });
export const fieldsQuery = () => queryOptions({ queryKey: configKeys.fields(), queryFn: ({ signal }) => workspaceApi.fields(signal), staleTime: CONFIG_STALE });
export const formsQuery = () => queryOptions({ queryKey: configKeys.forms(), queryFn: ({ signal }) => workspaceApi.forms(signal), staleTime: CONFIG_STALE });
export const groupsQuery = () => queryOptions({ queryKey: configKeys.groups(), queryFn: ({ signal }) => workspaceApi.groups(signal), staleTime: CONFIG_STALE });
export const agentsQuery = () => queryOptions({ queryKey: configKeys.agents(), queryFn: ({ signal }) => workspaceApi.agents(signal), staleTime: CONFIG_STALE });
export const tagsQuery = (q: string) => queryOptions({ queryKey: configKeys.tags(q), queryFn: ({ signal }) => workspaceApi.tags(q, signal), staleTime: 60_000 });

export const useStatuses = () => useQuery(statusesQuery());
export const useCategories = () => useQuery(categoriesQuery());
export const useFieldDefinitions = () => useQuery(fieldsQuery());
export const useForms = () => useQuery(formsQuery());
export const useGroups = () => useQuery(groupsQuery());
export const useAgents = (enabled = true) => useQuery({ ...agentsQuery(), enabled });

export function useGroupMembers(groupId: string | null | undefined) {
  return useQuery({
    queryKey: configKeys.members(groupId ?? ''),
    queryFn: ({ signal }) => workspaceApi.members(groupId!, signal),
    enabled: Boolean(groupId),
    staleTime: CONFIG_STALE,
  });
}

export function useTagSuggestions(q: string) {
  return useQuery(tagsQuery(q));
}

export function useTicketEvents(id: string, enabled = true) {
  return useQuery({ queryKey: ticketKeys.events(id), queryFn: ({ signal }) => workspaceApi.events(id, signal), enabled });
}

/**
 * Reads the configuration the ticket page's fields need (statuses, categories, fields, forms,
 * agents, tag suggestions) ahead of the first ticket: the page then draws its form at once.
 */
export function prefetchTicketConfig(queryClient: QueryClient): void {
  void queryClient.prefetchQuery(statusesQuery());
  void queryClient.prefetchQuery(categoriesQuery());
  void queryClient.prefetchQuery(fieldsQuery());
  void queryClient.prefetchQuery(formsQuery());
  void queryClient.prefetchQuery(agentsQuery());
  void queryClient.prefetchQuery(tagsQuery(''));
}
