import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../lib/format';
import { useLanguage } from '../../../lib/i18n';
import { Table, Tooltip, Typography, type TableColumnsType } from '../../../ui';
import type { Ticket } from '../api/tickets-api';
import { compareTickets, type SortColumn } from '../utils/ticket-sort';
import { PriorityTag } from './priority-tag';
import { StatusTag } from './status-tag';

export interface WorkspaceTableProps {
  tickets: Ticket[];
  loading: boolean;
  nameOf: (userId: string) => string | undefined;
  groupName: (groupId: string) => string | undefined;
  selected: string[];
  onSelect: (ids: string[]) => void;
  /** The row the keyboard cursor is on (j/k on the list). */
  cursor: string | null;
  emptyText: string;
}

/**
 * A view's tickets: sortable columns (over the rows loaded), a checkbox per row for bulk actions,
 * the keyboard cursor shown as a tinted row.
 */
export function WorkspaceTable({ tickets, loading, nameOf, groupName, selected, onSelect, cursor, emptyText }: WorkspaceTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { language } = useLanguage();
  const sorter = (column: SortColumn) => compareTickets(column, nameOf, language);
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;

  const columns: TableColumnsType<Ticket> = [
    {
      key: 'number',
      title: t('tickets.columns.number'),
      dataIndex: 'number',
      width: 84,
      sorter: sorter('number'),
      render: (number: string) => <Typography.Text type="secondary">#{number}</Typography.Text>,
    },
    {
      key: 'subject',
      title: t('tickets.columns.subject'),
      dataIndex: 'subject',
      ellipsis: true,
      sorter: sorter('subject'),
      render: (subject: string, ticket) => (
        <Link to={`/tickets/${ticket.id}`} data-testid="ticket-link" style={{ fontWeight: 500 }}>
          {subject}
        </Link>
      ),
    },
    {
      key: 'requester',
      title: t('tickets.columns.requester'),
      width: 150,
      ellipsis: true,
      sorter: sorter('requester'),
      render: (_, ticket) => nameOf(ticket.requester_id) ?? <Typography.Text type="secondary">#{ticket.requester_id}</Typography.Text>,
    },
    {
      key: 'status',
      title: t('tickets.columns.status'),
      width: 110,
      sorter: sorter('status'),
      render: (_, ticket) => <StatusTag category={ticket.status} name={ticket.status_name} />,
    },
    {
      key: 'priority',
      title: t('tickets.columns.priority'),
      width: 100,
      sorter: sorter('priority'),
      render: (_, ticket) => <PriorityTag priority={ticket.priority} />,
    },
    {
      key: 'assignee',
      title: t('ws.list.columns.assignee'),
      width: 130,
      ellipsis: true,
      sorter: sorter('assignee'),
      render: (_, ticket) => (ticket.assignee_id ? (nameOf(ticket.assignee_id) ?? `#${ticket.assignee_id}`) : none),
    },
    {
      key: 'group',
      title: t('ws.list.columns.group'),
      width: 120,
      ellipsis: true,
      render: (_, ticket) => (ticket.group_id ? (groupName(ticket.group_id) ?? `#${ticket.group_id}`) : none),
    },
    {
      key: 'updated',
      title: t('tickets.columns.updated'),
      dataIndex: 'updated_at',
      width: 130,
      sorter: sorter('updated'),
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
      showSorterTooltip={false}
      locale={{ emptyText }}
      rowClassName={(ticket) => (ticket.id === cursor ? 'sb-row-cursor' : '')}
      rowSelection={{
        selectedRowKeys: selected,
        onChange: (keys) => onSelect(keys.map(String)),
        columnWidth: 44,
        getCheckboxProps: (ticket) => ({ 'aria-label': t('ws.list.selectOne', { number: ticket.number }) }),
        renderCell: (_checked, _ticket, _index, node) => node,
      }}
      data-testid="ticket-table"
    />
  );
}
