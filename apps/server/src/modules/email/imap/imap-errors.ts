// Turns whatever imapflow, Node's sockets or the server threw into one of a few stable codes, with
// the server's own words where it gave any (an admin testing a mailbox wants to read what the server
// said, not "Command failed").
import { AppError } from '../../../platform/errors/app-error.ts';

export const IMAP_ERROR_CODES = [
  'IMAP_AUTH_FAILED',
  'IMAP_CONNECT_FAILED',
  'IMAP_TLS_FAILED',
  'IMAP_FOLDER_NOT_FOUND',
  'IMAP_PROTOCOL_ERROR',
] as const;
export type ImapErrorCode = (typeof IMAP_ERROR_CODES)[number];

/** An IMAP server was unreachable, refused us or answered something we cannot use: a bad gateway. */
export class ImapError extends AppError {
  declare readonly code: ImapErrorCode;

  constructor(code: ImapErrorCode, detail: string, cause?: unknown) {
    super(code, 502, detail);
    this.name = 'ImapError';
    if (cause !== undefined) this.cause = cause;
  }
}

/** The properties imapflow and Node put on the errors they raise (all optional). */
interface RaisedError {
  message?: string;
  code?: string;
  response?: unknown;
  responseText?: string;
  serverResponseCode?: string;
  authenticationFailed?: boolean;
  mailboxMissing?: boolean;
  tlsFailed?: boolean;
}

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ETIMEDOUT',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'ETIMEOUT',
  'NoConnection',
  'EConnectionClosed',
  'ClosedAfterConnectText',
]);
const TLS_CODES = new Set(['ClosedAfterConnectTLS', 'UPGRADE_TIMEOUT', 'STARTTLS_INJECTION']);
// Node's TLS and certificate failures: ERR_SSL_*, ERR_TLS_*, and OpenSSL's verification codes.
const TLS_CODE_PATTERN = /^(ERR_SSL_|ERR_TLS_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET|VERIFY)_)/;

/** The server's answer without the command tag: "[AUTHENTICATIONFAILED] Authentication failed." */
function serverAnswer(raised: RaisedError): string | null {
  if (typeof raised.response === 'string' && raised.response.trim()) {
    return raised.response.trim().replace(/^\S+\s+(?:NO|BAD)\s+/i, '');
  }
  if (raised.responseText) {
    return raised.serverResponseCode ? `[${raised.serverResponseCode}] ${raised.responseText}` : raised.responseText;
  }
  return null;
}

export function toImapError(error: unknown): ImapError {
  if (error instanceof ImapError) return error;
  const raised: RaisedError = typeof error === 'object' && error !== null ? (error as RaisedError) : { message: String(error) };
  const code = raised.code ?? '';
  const answer = serverAnswer(raised);
  const message = answer ?? raised.message ?? 'IMAP command failed';
  if (raised.authenticationFailed) return new ImapError('IMAP_AUTH_FAILED', message, error);
  if (raised.mailboxMissing || raised.serverResponseCode === 'NONEXISTENT') {
    return new ImapError('IMAP_FOLDER_NOT_FOUND', message, error);
  }
  if (raised.tlsFailed || TLS_CODES.has(code) || TLS_CODE_PATTERN.test(code)) {
    return new ImapError('IMAP_TLS_FAILED', raised.message ?? message, error);
  }
  if (CONNECT_CODES.has(code)) return new ImapError('IMAP_CONNECT_FAILED', raised.message ?? message, error);
  return new ImapError('IMAP_PROTOCOL_ERROR', message, error);
}
