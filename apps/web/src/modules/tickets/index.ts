// Tickets: the list, one ticket with its conversation, replies, status changes, live updates.
export { ticketsApi, type Ticket, type Message, type StatusCategory, type Priority, type Page } from './api/tickets-api';
export { ticketKeys } from './hooks/ticket-keys';
export { ticketInvalidations } from './hooks/ticket-invalidations';
export { useTicketList, useTicket, useTicketMessages, useAddMessage, useUpdateTicket, isStaleVersion } from './hooks/use-tickets';
export { TicketTable } from './components/ticket-table';
export { TicketFields } from './components/ticket-fields';
export { Conversation } from './components/conversation';
export { ReplyBox } from './components/reply-box';
export { StatusSelect } from './components/status-select';
export { StatusTag } from './components/status-tag';
export { PriorityTag } from './components/priority-tag';
