import { LockOutlined, MessageOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { Empty, Flex, Tag, Typography } from '../../../ui';
import type { Message } from '../api/tickets-api';

/**
 * The conversation, oldest first. Internal notes are set apart (amber, a lock, a label) so an
 * agent never mistakes one for something the customer saw.
 */
export function Conversation({ messages, nameOf }: { messages: Message[]; nameOf: (userId: string) => string | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (messages.length === 0) return <Empty description={t('ticket.noMessages')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;

  return (
    <ol style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 12 }} data-testid="conversation">
      {messages.map((message) => {
        const author = message.author_id ? (nameOf(message.author_id) ?? `#${message.author_id}`) : t('ticket.system');
        const internal = !message.public;
        return (
          <li
            key={message.id}
            data-testid={internal ? 'internal-note' : 'public-message'}
            style={{
              border: `1px solid ${internal ? '#f3d18a' : '#e6e9ef'}`,
              background: internal ? '#fff8e6' : '#fff',
              borderRadius: 8,
              padding: '12px 16px',
            }}
          >
            <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 6 }}>
              <Flex align="center" gap={8}>
                <Typography.Text strong>{author}</Typography.Text>
                {internal ? (
                  <Tag color="gold" icon={<LockOutlined />} bordered={false}>
                    {t('ticket.internalNote')}
                  </Tag>
                ) : (
                  <Tag icon={<MessageOutlined />} bordered={false}>
                    {t('ticket.publicReply')}
                  </Tag>
                )}
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <time dateTime={message.created_at}>{format.dateTime(message.created_at)}</time>
              </Typography.Text>
            </Flex>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0, overflowWrap: 'anywhere' }}>
              {message.body}
            </Typography.Paragraph>
          </li>
        );
      })}
    </ol>
  );
}
