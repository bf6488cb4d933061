// Tickets: lists, one ticket with its conversation, composer, fields, history, live updates.
export { ticketsApi, type Ticket, type Message, type StatusCategory, type Priority, type Page } from './api/tickets-api';
export { workspaceApi, type TicketStatusRow, type CategoryRow, type GroupRow, type StaffRow, type TicketFormRow } from './api/workspace-api';
export { ticketKeys } from './hooks/ticket-keys';
export { ticketInvalidations } from './hooks/ticket-invalidations';
export {
  ALL_TICKETS,
  ticketListQuery,
  ticketQuery,
  ticketMessagesQuery,
  prefetchTicket,
  usePrefetchTicket,
  useTicketList,
  useTicket,
  useTicketMessages,
  useAddMessage,
  useUpdateTicket,
  isStaleVersion,
} from './hooks/use-tickets';
export { listedTicket } from './utils/listed-ticket';
export {
  configKeys,
  groupsQuery,
  prefetchTicketConfig,
  useStatuses,
  useCategories,
  useFieldDefinitions,
  useForms,
  useGroups,
  useGroupMembers,
  useAgents,
  useTagSuggestions,
  useTicketEvents,
} from './hooks/use-workspace';
export { useTicketDraft, type TicketDraft, type TicketConflict } from './hooks/use-ticket-draft';
export { useFieldNaming, useStatusLabel } from './hooks/use-field-naming';
export { TicketTable } from './components/ticket-table';
export { WorkspaceTable, type ServerSort } from './components/workspace-table';
export { BulkBar } from './components/bulk-bar';
export { TicketFields } from './components/ticket-fields';
export { Conversation } from './components/conversation';
export { MessageList } from './components/message-list';
export { SafeHtml } from './components/safe-html';
export { ReplyBox } from './components/reply-box';
export { Composer, type ComposerCommands } from './components/composer';
export { FieldsPanel } from './components/fields-panel';
export { ConflictDialog } from './components/conflict-dialog';
export { HistoryList } from './components/history-list';
export { StatusSelect } from './components/status-select';
export { StatusTag } from './components/status-tag';
export { PriorityTag } from './components/priority-tag';
export { parseMarked, type MarkedPart } from './utils/safe-html';
