import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorText } from '../../../lib/api';
import { useFormat } from '../../../lib/format';
import { Button, Card, Empty, ErrorAlert, Flex, Skeleton, Tag, Typography } from '../../../ui';
import type { Ticket } from '../api/portal-api';
import { usePortalTickets } from '../hooks/use-portal';

const statusColor: Record<Ticket['status'], string> = { new: 'blue', open: 'blue', pending: 'gold', on_hold: 'blue', solved: 'green', closed: 'default' };

export function PortalStatus({ status }: { status: Ticket['status'] }) {
  const { t } = useTranslation();
  return <Tag color={statusColor[status]}>{t(`portal.status.${status}`)}</Tag>;
}

/** The customer's own requests, most recently updated first. */
export function PortalTickets() {
  const { t } = useTranslation();
  const format = useFormat();
  const errors = useErrorText();
  const tickets = usePortalTickets(true);
  const rows = tickets.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('portal.list.title')}
      </Typography.Title>
      {tickets.isError && <ErrorAlert message={errors.describe(tickets.error)} onRetry={() => void tickets.refetch()} retryLabel={t('common.retry')} />}
      {tickets.isPending && <Skeleton active />}
      {tickets.isSuccess && rows.length === 0 && <Empty description={t('portal.list.empty')} />}
      <Flex vertical gap={8} data-testid="portal-tickets">
        {rows.map((ticket) => (
          <Link key={ticket.id} to={`/portal/tickets/${ticket.id}`} style={{ color: 'inherit' }}>
            <Card size="small" hoverable>
              <Flex justify="space-between" align="center" gap={12} wrap>
                <div style={{ minWidth: 0 }}>
                  <Typography.Text strong>{ticket.subject}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      #{ticket.number} · {t('portal.list.updated', { when: format.relative(ticket.updated_at) })}
                    </Typography.Text>
                  </div>
                </div>
                <PortalStatus status={ticket.status} />
              </Flex>
            </Card>
          </Link>
        ))}
      </Flex>
      {tickets.hasNextPage && (
        <Button style={{ marginTop: 12 }} onClick={() => void tickets.fetchNextPage()} loading={tickets.isFetchingNextPage}>
          {t('portal.list.loadMore')}
        </Button>
      )}
    </>
  );
}
