import { useQuery } from '@tanstack/react-query';
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

export const useStatuses = () =>
  useQuery({ queryKey: configKeys.statuses(), queryFn: ({ signal }) => workspaceApi.statuses(signal), staleTime: CONFIG_STALE });
export const useCategories = () =>
  useQuery({ queryKey: configKeys.categories(), queryFn: ({ signal }) => workspaceApi.categories(signal), staleTime: CONFIG_STALE });
export const useFieldDefinitions = () =>
  useQuery({ queryKey: configKeys.fields(), queryFn: ({ signal }) => workspaceApi.fields(signal), staleTime: CONFIG_STALE });
export const useForms = () => useQuery({ queryKey: configKeys.forms(), queryFn: ({ signal }) => workspaceApi.forms(signal), staleTime: CONFIG_STALE });
export const useGroups = () => useQuery({ queryKey: configKeys.groups(), queryFn: ({ signal }) => workspaceApi.groups(signal), staleTime: CONFIG_STALE });
export const useAgents = () => useQuery({ queryKey: configKeys.agents(), queryFn: ({ signal }) => workspaceApi.agents(signal), staleTime: CONFIG_STALE });

export function useGroupMembers(groupId: string | null | undefined) {
  return useQuery({
    queryKey: configKeys.members(groupId ?? ''),
    queryFn: ({ signal }) => workspaceApi.members(groupId!, signal),
    enabled: Boolean(groupId),
    staleTime: CONFIG_STALE,
  });
}

export function useTagSuggestions(q: string) {
  return useQuery({ queryKey: configKeys.tags(q), queryFn: ({ signal }) => workspaceApi.tags(q, signal), staleTime: 60_000 });
}

export function useTicketEvents(id: string, enabled = true) {
  return useQuery({ queryKey: ticketKeys.events(id), queryFn: ({ signal }) => workspaceApi.events(id, signal), enabled });
}
