import { DownloadOutlined, LockOutlined, MessageOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { Empty, Flex, PlainTag, Space, Typography } from '../../../ui';
import { Image } from '../../../ui/workspace-kit';
import type { Message } from '../api/tickets-api';
import { DeliveryTag, EmailHeaderLine, QuotedText } from './message-email';
import { SafeHtml } from './safe-html';

const formatSize = (bytes: number, locale: string) => {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
};

/**
 * The conversation, oldest first. Internal notes are amber, with a lock, a label and a left bar:
 * an agent never mistakes one for something the customer saw. Each message's header is plain
 * markup (drawn like Ant Design's avatar and tag): a ticket opens without measuring every avatar. HTML bodies go through SafeHtml;
 * image attachments are previewed, every attachment downloads.
 */
export function MessageList({ messages, nameOf, requesterId }: { messages: Message[]; nameOf: (userId: string) => string | undefined; requesterId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (messages.length === 0) return <Empty description={t('ticket.noMessages')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;

  return (
    <ol style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 12 }} data-testid="conversation">
      {messages.map((message) => {
        const author = message.author_id ? (nameOf(message.author_id) ?? `#${message.author_id}`) : t('ticket.system');
        const internal = !message.public;
        const fromCustomer = message.author_id === requesterId;
        const images = message.attachments.filter((file) => file.content_type.startsWith('image/'));
        return (
          <li key={message.id} data-testid={internal ? 'internal-note' : 'public-message'} className={`sb-message${internal ? ' is-internal' : ''}`}>
            <div className="sb-message-head">
              <span className="sb-message-who">
                <span className="sb-avatar" style={{ background: fromCustomer ? '#8c6dd7' : internal ? '#e5a823' : '#1f5fbf' }} aria-hidden>
                  {author.slice(0, 1).toUpperCase()}
                </span>
                <strong>{author}</strong>
                {internal ? (
                  <PlainTag colour="gold">
                    <LockOutlined />
                    <span>{t('ticket.internalNote')}</span>
                  </PlainTag>
                ) : (
                  <PlainTag>
                    <MessageOutlined />
                    <span>{t('ticket.publicReply')}</span>
                  </PlainTag>
                )}
              </span>
              <time className="sb-message-time" dateTime={message.created_at}>
                {format.dateTime(message.created_at)}
              </time>
            </div>
            {message.email && <EmailHeaderLine email={message.email} />}
            <div className="sb-message-body">
              {message.html_body ? <SafeHtml html={message.html_body} fallback={message.body} /> : <div style={{ whiteSpace: 'pre-wrap' }}>{message.body}</div>}
            </div>
            {message.email && <QuotedText email={message.email} />}
            {message.email?.delivery && (
              <div style={{ marginTop: 8 }}>
                <DeliveryTag delivery={message.email.delivery} />
              </div>
            )}
            {message.attachments.length > 0 && (
              <Flex vertical gap={8} style={{ marginTop: 10 }} aria-label={t('ws.ticket.attachments')} role="group">
                {images.length > 0 && (
                  <Image.PreviewGroup>
                    <Space wrap>
                      {images.map((file) => (
                        <Image key={file.id} src={file.url} alt={file.file_name} width={96} height={96} style={{ objectFit: 'cover', borderRadius: 6 }} />
                      ))}
                    </Space>
                  </Image.PreviewGroup>
                )}
                <Space wrap size={[12, 4]}>
                  {message.attachments.map((file) => (
                    <a key={file.id} href={file.url} download={file.file_name} aria-label={t('ws.ticket.download', { name: file.file_name })} data-testid="attachment-link">
                      <PaperClipOutlined /> {file.file_name}{' '}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        ({formatSize(file.size, format.prefs.locale)})
                      </Typography.Text>{' '}
                      <DownloadOutlined />
                    </a>
                  ))}
                </Space>
              </Flex>
            )}
          </li>
        );
      })}
    </ol>
  );
}
