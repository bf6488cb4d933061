// Outbound mail: queue in the transaction, send after commit (see DESIGN.md: no side effect in a request).
export { queueMail, MAIL_QUEUED_TOPIC, type OutgoingMail } from './mail-outbox.ts';
export { createMailSender, MAX_MAIL_ATTEMPTS, retryDelayMinutes, type MailSender, type SendResult } from './mail-sender.ts';
export { createSmtpTransport, type MailTransport } from './mail-transport.ts';
export { createMailJobs, MAIL_SEND_CONSUMER, MAIL_SWEEP_JOB, MAIL_PRUNE_JOB } from './mail.jobs.ts';
