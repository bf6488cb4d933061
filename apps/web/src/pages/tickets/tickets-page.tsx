import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../lib/api';
import { usePeople } from '../../modules/people';
import { TicketTable, useTicketList } from '../../modules/tickets';
import { Button, Card, ErrorAlert, Flex, Typography } from '../../ui';

const listParams = { limit: 25, sort: 'updated_at' } as const;

/** All tickets the user may see, most recently updated first, a page at a time. */
export function TicketsPage() {
  const { t } = useTranslation();
  const errors = useErrorText();
  const list = useTicketList(listParams);
  const tickets = list.data?.pages.flatMap((page) => page.data) ?? [];
  const people = usePeople(tickets.map((ticket) => ticket.requester_id));

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="baseline">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('tickets.title')}
        </Typography.Title>
        {tickets.length > 0 && <Typography.Text type="secondary">{t('tickets.shown', { count: tickets.length })}</Typography.Text>}
      </Flex>
      {list.isError && !list.data ? (
        <ErrorAlert message={errors.describe(list.error)} onRetry={() => void list.refetch()} retryLabel={t('common.retry')} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <TicketTable tickets={tickets} loading={list.isPending} nameOf={(id) => people.get(id)?.name} />
          {tickets.length > 0 && (
            <Flex justify="center" style={{ padding: 16 }}>
              {list.hasNextPage ? (
                <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="load-more">
                  {t('tickets.loadMore')}
                </Button>
              ) : (
                <Typography.Text type="secondary">{t('tickets.allLoaded')}</Typography.Text>
              )}
            </Flex>
          )}
        </Card>
      )}
    </Flex>
  );
}
