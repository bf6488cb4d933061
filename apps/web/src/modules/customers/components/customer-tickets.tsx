import type { CustomerTicket } from '@switchboard/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../lib/format';
import { Button, ErrorAlert, Flex, Table, Typography, type TableColumnsType } from '../../../ui';
import { StatusTag } from '../../tickets';
import { useCustomerTickets } from '../hooks/use-customer-360';
import { useCustomerErrorText } from '../hooks/use-customer-error';
import { useViaLabel } from '../hooks/use-via-label';

/** Every ticket the customer asked, on any channel, newest first; more load on demand. */
export function CustomerTickets({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useCustomerErrorText();
  const viaLabel = useViaLabel();
  const tickets = useCustomerTickets(customerId);
  const rows = tickets.data?.pages.flatMap((page) => page.data) ?? [];

  const columns: TableColumnsType<CustomerTicket> = [
    { title: t('ws.customers.tickets.number'), key: 'number', width: 80, render: (_, ticket) => <Typography.Text type="secondary">#{ticket.number}</Typography.Text> },
    { title: t('ws.customers.tickets.subject'), key: 'subject', ellipsis: true, render: (_, ticket) => <Link to={`/tickets/${ticket.id}`}>{ticket.subject}</Link> },
    { title: t('ws.customers.tickets.status'), key: 'status', width: 130, render: (_, ticket) => <StatusTag category={ticket.status} name={ticket.status_name} /> },
    { title: t('ws.customers.tickets.via'), key: 'via', width: 120, render: (_, ticket) => viaLabel(ticket.via) },
    {
      title: t('ws.customers.tickets.updated'),
      key: 'updated',
      width: 150,
      render: (_, ticket) => <span title={format.dateTime(ticket.updated_at)}>{format.relative(ticket.updated_at)}</span>,
    },
  ];

  if (tickets.isError) return <ErrorAlert message={errorText(tickets.error)} onRetry={() => void tickets.refetch()} retryLabel={t('common.retry')} />;
  return (
    <Flex vertical gap={12}>
      <Table<CustomerTicket>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={tickets.isPending}
        pagination={false}
        locale={{ emptyText: t('ws.customers.tickets.empty') }}
        data-testid="customer-tickets"
      />
      {tickets.hasNextPage ? (
        <Flex justify="center">
          <Button onClick={() => void tickets.fetchNextPage()} loading={tickets.isFetchingNextPage} data-testid="customer-tickets-more">
            {t('ws.customers.tickets.loadMore')}
          </Button>
        </Flex>
      ) : (
        rows.length > 0 && (
          <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
            {t('ws.customers.tickets.allLoaded', { count: rows.length })}
          </Typography.Text>
        )
      )}
    </Flex>
  );
}
