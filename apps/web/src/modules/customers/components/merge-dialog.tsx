import type { Customer360 } from '@switchboard/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Descriptions, ErrorAlert, Flex, Select, Skeleton, Tag, Typography, useToast } from '../../../ui';
import { Modal } from '../../../ui/workspace-kit';
import { customer360Api } from '../api/customer-360-api';
import { customer360Keys, useMergeCustomer } from '../hooks/use-customer-360';
import { useCustomerErrorText } from '../hooks/use-customer-error';
import { useCustomerSearch } from '../hooks/use-customers';
import { mergePreview, type MergeBlock } from '../utils/merge-preview';

const blockText: Record<Exclude<MergeBlock, null>, 'self' | 'staff' | 'alreadyMerged'> = { self: 'self', staff: 'staff', alreadyMerged: 'alreadyMerged' };

/**
 * Merges a duplicate INTO this customer: search it by name or email, see what moves (tickets,
 * identities, tags, VIP, organization), then confirm. `initialSourceId` preselects one (the
 * owner of an identity the agent tried to add).
 */
export function MergeDialog({ target, initialSourceId, onClose }: { target: Customer360; initialSourceId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const errorText = useCustomerErrorText();
  const [q, setQ] = useState('');
  const [sourceId, setSourceId] = useState<string | undefined>(initialSourceId);
  const search = useCustomerSearch(q);
  const source = useQuery({
    queryKey: customer360Keys.page(sourceId ?? ''),
    queryFn: ({ signal }) => customer360Api.get(sourceId!, signal),
    enabled: Boolean(sourceId),
    retry: false,
  });
  const merge = useMergeCustomer(target.id);
  const preview = source.data ? mergePreview(target, source.data) : null;

  const options = (search.data ?? [])
    .filter((customer) => customer.id !== target.id)
    .map((customer) => ({ value: customer.id, label: customer.email ? `${customer.name} <${customer.email}>` : customer.phone ? `${customer.name} (${customer.phone})` : customer.name }));
  if (source.data && !options.some((option) => option.value === source.data.id)) {
    options.unshift({ value: source.data.id, label: source.data.email ? `${source.data.name} <${source.data.email}>` : source.data.name });
  }

  const confirm = () => {
    if (!sourceId || !source.data) return;
    const sourceName = source.data.name;
    merge.mutate(sourceId, {
      onSuccess: () => {
        toast.success(t('ws.customers.merge.done', { source: sourceName, target: target.name }));
        onClose();
      },
    });
  };

  return (
    <Modal
      open
      title={t('ws.customers.merge.title', { name: target.name })}
      onCancel={onClose}
      onOk={confirm}
      okText={t('ws.customers.merge.confirm')}
      cancelText={t('ws.customers.merge.cancel')}
      okButtonProps={{ danger: true, disabled: !preview || preview.block !== null, 'data-testid': 'merge-confirm' } as never}
      confirmLoading={merge.isPending}
      destroyOnHidden
      width={640}
    >
      <Flex vertical gap={12} data-testid="merge-dialog">
        <Select
          showSearch={{ filterOption: false, onSearch: setQ }}
          value={sourceId}
          onChange={(id: string) => setSourceId(id)}
          placeholder={t('ws.customers.merge.searchPlaceholder')}
          aria-label={t('ws.customers.merge.search')}
          loading={search.isFetching}
          options={options}
          style={{ width: '100%' }}
          data-testid="merge-search"
        />
        {merge.isError && <ErrorAlert message={errorText(merge.error)} />}
        {source.isError && <ErrorAlert message={errorText(source.error)} />}
        {!sourceId ? (
          <Typography.Text type="secondary">{t('ws.customers.merge.pick')}</Typography.Text>
        ) : source.isPending ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : (
          preview &&
          source.data && (
            <>
              {preview.block && <Alert type="error" showIcon title={t(`ws.customers.merge.${blockText[preview.block]}`)} />}
              <Typography.Text strong>{t('ws.customers.merge.moves', { name: target.name })}</Typography.Text>
              <Descriptions size="small" column={1} bordered data-testid="merge-preview">
                <Descriptions.Item label={t('ws.customers.merge.tickets')}>{t('ws.customers.merge.ticketCount', { count: preview.tickets })}</Descriptions.Item>
                <Descriptions.Item label={t('ws.customers.merge.identities')}>
                  {preview.identities.length === 0 ? (
                    t('ws.customers.merge.none')
                  ) : (
                    <Flex vertical gap={2}>
                      {preview.identities.map((identity) => (
                        <span key={identity.id}>
                          {t(`ws.customers.identities.kinds.${identity.kind}`)}: {identity.value}{' '}
                          {identity.becomesPrimary && <Tag color="blue">{t('ws.customers.identities.primary')}</Tag>}
                        </span>
                      ))}
                    </Flex>
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t('ws.customers.merge.tags')}>
                  {preview.tagsAdded.length === 0 ? t('ws.customers.merge.none') : preview.tagsAdded.map((tag) => <Tag key={tag}>{tag}</Tag>)}
                </Descriptions.Item>
                <Descriptions.Item label={t('ws.customers.merge.vip')}>{preview.vipAfter}</Descriptions.Item>
                <Descriptions.Item label={t('ws.customers.merge.organization')}>{preview.organizationAfter?.name ?? t('ws.customers.merge.none')}</Descriptions.Item>
              </Descriptions>
              <Alert type="warning" showIcon title={t('ws.customers.merge.afterward', { name: source.data.name })} />
            </>
          )
        )}
      </Flex>
    </Modal>
  );
}
