import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useErrorText } from '../../lib/api';
import { MarkedText, useSearchResults, type SearchHit } from '../../modules/search';
import { StatusTag } from '../../modules/tickets';
import { Alert, Button, Card, Empty, ErrorAlert, Flex, Skeleton, Tag, Typography } from '../../ui';
import { List } from '../../ui/workspace-kit';

const typeColour: Record<SearchHit['type'], string> = { ticket: 'blue', user: 'purple', organization: 'cyan' };

/** `/search?q=`: every result, a page at a time, with the highlighted snippets. */
export function SearchPage() {
  const { t } = useTranslation();
  const errors = useErrorText();
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  const results = useSearchResults(q);
  const hits = results.data?.pages.flatMap((page) => page.data) ?? [];
  const fallback = results.data?.pages[0]?.fallback;

  return (
    <Flex vertical gap={12} className="sb-search">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {q ? t('ws.search.results', { q }) : t('ws.search.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('ws.search.syntax')}</Typography.Text>
      {fallback && <Alert type="info" showIcon title={t('ws.search.unavailable')} />}
      {results.isError ? (
        <ErrorAlert message={errors.describe(results.error)} onRetry={() => void results.refetch()} retryLabel={t('common.retry')} />
      ) : results.isPending && q ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : hits.length === 0 ? (
        <Card>
          <Empty description={q ? t('ws.search.none', { q }) : t('ws.search.syntax')} />
        </Card>
      ) : (
        <Card styles={{ body: { padding: '0 16px' } }}>
          <List
            dataSource={hits}
            data-testid="search-results"
            renderItem={(hit) => (
              <List.Item key={`${hit.type}:${hit.id}`}>
                <Flex vertical gap={4} style={{ minWidth: 0, width: '100%' }}>
                  <Flex gap={8} align="center">
                    <Tag color={typeColour[hit.type]} bordered={false}>
                      {t(`ws.search.types.${hit.type}`)}
                    </Tag>
                    {hit.type === 'ticket' ? (
                      <Link to={`/tickets/${hit.id}`} style={{ fontWeight: 500 }}>
                        {hit.number ? `#${hit.number} ` : ''}
                        {hit.title}
                      </Link>
                    ) : (
                      <Typography.Text strong>{hit.title}</Typography.Text>
                    )}
                    {hit.status && <StatusTag category={hit.status} />}
                  </Flex>
                  {hit.snippet && (
                    <Typography.Text type="secondary">
                      <MarkedText snippet={hit.snippet} />
                    </Typography.Text>
                  )}
                </Flex>
              </List.Item>
            )}
          />
          {results.hasNextPage && (
            <Flex justify="center" style={{ padding: 12 }}>
              <Button onClick={() => void results.fetchNextPage()} loading={results.isFetchingNextPage}>
                {t('ws.search.loadMore')}
              </Button>
            </Flex>
          )}
        </Card>
      )}
    </Flex>
  );
}
