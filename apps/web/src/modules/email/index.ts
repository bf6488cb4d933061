// The email channel in the web app: mailboxes in the admin console, the quarantine of inbound
// mail (admin console and agent workspace). The email details of a message are drawn by the
// tickets module's message list, from the Message contract.
export { emailApi, type Mailbox, type InboundEmail, type InboundStatus, type MailboxTest } from './api/email-api';
export { emailKeys } from './hooks/email-keys';
export { useMailboxes } from './hooks/use-mailboxes';
export { MailboxesPanel } from './components/mailboxes-panel';
export { QuarantinePanel } from './components/quarantine-panel';
export { QuarantineRailLink } from './components/quarantine-rail-link';
export { QUARANTINE_ROLES } from './utils/quarantine';
