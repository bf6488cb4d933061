import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../lib/format';
import { Table, Tooltip, Typography, type TableColumnsType } from '../../../ui';
import type { Ticket } from '../api/tickets-api';
import { PriorityTag } from './priority-tag';
import { StatusTag } from './status-tag';

export interface TicketTableProps {
  tickets: Ticket[];
  loading: boolean;
  /** The requester's name for an id, or undefined while unknown. */
  nameOf: (userId: string) => string | undefined;
}

/** The ticket list: number, subject, status, priority, requester, last update. */
export function TicketTable({ tickets, loading, nameOf }: TicketTableProps) {
  const { t } = useTranslation();
  const format = useFormat();

  const columns: TableColumnsType<Ticket> = [
    {
      key: 'number',
      title: t('tickets.columns.number'),
      dataIndex: 'number',
      width: 90,
      render: (number: string) => <Typography.Text type="secondary">#{number}</Typography.Text>,
    },
    {
      key: 'subject',
      title: t('tickets.columns.subject'),
      dataIndex: 'subject',
      ellipsis: true,
      render: (subject: string, ticket) => (
        <Link to={`/tickets/${ticket.id}`} data-testid="ticket-link">
          {subject}
        </Link>
      ),
    },
    {
      key: 'status',
      title: t('tickets.columns.status'),
      width: 130,
      render: (_, ticket) => <StatusTag category={ticket.status} name={ticket.status_name} />,
    },
    {
      key: 'priority',
      title: t('tickets.columns.priority'),
      width: 110,
      render: (_, ticket) => <PriorityTag priority={ticket.priority} />,
    },
    {
      key: 'requester',
      title: t('tickets.columns.requester'),
      width: 200,
      ellipsis: true,
      render: (_, ticket) => nameOf(ticket.requester_id) ?? <Typography.Text type="secondary">#{ticket.requester_id}</Typography.Text>,
    },
    {
      key: 'updated',
      title: t('tickets.columns.updated'),
      dataIndex: 'updated_at',
      width: 170,
      render: (updated: string) => (
        <Tooltip title={format.dateTime(updated)}>
          <time dateTime={updated}>{format.relative(updated)}</time>
        </Tooltip>
      ),
    },
  ];

  return (
    <Table<Ticket>
      rowKey="id"
      columns={columns}
      dataSource={tickets}
      loading={loading}
      pagination={false}
      size="middle"
      locale={{ emptyText: t('tickets.empty') }}
      data-testid="ticket-table"
    />
  );
}
