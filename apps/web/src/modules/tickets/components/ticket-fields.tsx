import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { Descriptions, Space, Tag, Typography, type DescriptionsProps } from '../../../ui';
import type { Ticket } from '../api/tickets-api';
import { PriorityTag } from './priority-tag';

/** The ticket's fields, read-only (editing them is the agent workspace, a later issue). */
export function TicketFields({ ticket, nameOf }: { ticket: Ticket; nameOf: (userId: string) => string | undefined }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const viaKey = `via.${ticket.via}`;

  const items: DescriptionsProps['items'] = [
    { key: 'requester', label: t('ticket.fields.requester'), children: nameOf(ticket.requester_id) ?? `#${ticket.requester_id}` },
    {
      key: 'assignee',
      label: t('ticket.fields.assignee'),
      children: ticket.assignee_id ? (nameOf(ticket.assignee_id) ?? `#${ticket.assignee_id}`) : t('ticket.unassigned'),
    },
    { key: 'priority', label: t('ticket.fields.priority'), children: <PriorityTag priority={ticket.priority} /> },
    { key: 'type', label: t('ticket.fields.type'), children: ticket.type ? t(`ticketType.${ticket.type}`) : none },
    { key: 'via', label: t('ticket.fields.via'), children: i18n.exists(viaKey) ? t(viaKey as 'via.api') : ticket.via },
    {
      key: 'tags',
      label: t('ticket.fields.tags'),
      children: ticket.tags.length ? (
        <Space size={[4, 4]} wrap>
          {ticket.tags.map((tag) => (
            <Tag key={tag}>{tag}</Tag>
          ))}
        </Space>
      ) : (
        none
      ),
    },
    { key: 'created', label: t('ticket.fields.created'), children: format.dateTime(ticket.created_at) },
    { key: 'updated', label: t('ticket.fields.updated'), children: format.dateTime(ticket.updated_at) },
  ];

  return <Descriptions column={1} size="small" items={items} />;
}
