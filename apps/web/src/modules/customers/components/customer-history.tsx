import type { CustomerHistoryEntry } from '@switchboard/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../lib/format';
import { Empty, ErrorAlert, Flex, Skeleton, Typography } from '../../../ui';
import { Timeline } from '../../../ui/workspace-kit';
import { useCustomerHistory } from '../hooks/use-customer-360';
import { useCustomerErrorText } from '../hooks/use-customer-error';

/** Merges into and out of this customer, identity changes and profile edits, newest first. */
export function CustomerHistory({ customerId, active }: { customerId: string; active: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useCustomerErrorText();
  const history = useCustomerHistory(customerId, active);
  if (history.isError) return <ErrorAlert message={errorText(history.error)} onRetry={() => void history.refetch()} retryLabel={t('common.retry')} />;
  if (history.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (history.data.data.length === 0) return <Empty description={t('ws.customers.history.empty')} />;
  return (
    <div data-testid="customer-history">
    <Timeline
      items={history.data.data.map((entry) => ({
        key: entry.id,
        color: entry.type.startsWith('merged') ? 'purple' : entry.type === 'identity_removed' ? 'red' : 'blue',
        content: (
          <Flex vertical gap={2}>
            <Typography.Text data-testid={`history-${entry.type}`}>
              <HistoryLine entry={entry} />
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {format.dateTime(entry.at)}
            </Typography.Text>
          </Flex>
        ),
      }))}
    />
    </div>
  );
}

function HistoryLine({ entry }: { entry: CustomerHistoryEntry }): ReactNode {
  const { t, i18n } = useTranslation();
  const actor = entry.actor_name ?? t('ws.customers.history.someone');
  if (entry.merge) {
    const merge = entry.merge;
    return entry.type === 'merged_in' ? (
      <>
        {t('ws.customers.history.mergedIn', { actor, source: merge.source_name })} (<Link to={`/customers/${merge.source_id}`}>{merge.source_name}</Link>
        {' · '}
        {t('ws.customers.history.movedTickets', { count: merge.moved_ticket_ids.length })})
      </>
    ) : (
      <>
        {t('ws.customers.history.mergedOut', { actor, target: merge.target_name })} (<Link to={`/customers/${merge.target_id}`}>{merge.target_name}</Link>)
      </>
    );
  }
  if (entry.identity) {
    const kind = t(`ws.customers.identities.kinds.${entry.identity.kind}`);
    const key = entry.type as 'identity_added' | 'identity_verified' | 'identity_primary' | 'identity_removed';
    return t(`ws.customers.history.${key}`, { actor, kind, value: entry.identity.value });
  }
  const fields = Object.keys(entry.changes ?? {}).map((field) => {
    const key = `ws.customers.history.fields.${field}`;
    return i18n.exists(key) ? t(key as never) : field;
  });
  return t('ws.customers.history.profile_updated', { actor, fields: fields.join(i18n.language === 'zh-CN' ? '、' : ', ') });
}
