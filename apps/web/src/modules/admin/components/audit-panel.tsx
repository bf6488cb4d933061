import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { Button, Flex, Input, Select, Table, Typography, type TableColumnsType } from '../../../ui';
import type { AuditRow } from '../api/admin-api';
import { useAuditLog } from '../hooks/use-admin';
import { ApiErrorNote, SectionHeader } from './admin-parts';

const TARGET_TYPES = ['user', 'group', 'organization', 'tenant', 'api_token', 'ticket_status', 'category', 'custom_field', 'ticket_form', 'tag', 'view'];

/** What changed, by whom, when: filter by action and target type; newest first. */
export function AuditPanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const [action, setAction] = useState('');
  const [targetType, setTargetType] = useState('');
  const audit = useAuditLog({ action: action || undefined, target_type: targetType || undefined });
  const rows = audit.data?.pages.flatMap((p) => p.data) ?? [];
  const columns: TableColumnsType<AuditRow> = [
    { title: t('admin.audit.when'), key: 'when', width: 180, render: (_, row) => format.dateTime(row.created_at) },
    { title: t('admin.audit.who'), key: 'who', render: (_, row) => `${t(`admin.audit.actorTypes.${row.actor_type}`)}${row.actor_user_id ? ` #${row.actor_user_id}` : ''}` },
    { title: t('admin.audit.action'), dataIndex: 'action', key: 'action', render: (value: string) => <code>{value}</code> },
    { title: t('admin.audit.target'), key: 'target', render: (_, row) => `${row.target_type}${row.target_id ? ` #${row.target_id}` : ''}` },
    {
      title: t('admin.audit.changes'),
      key: 'changes',
      render: (_, row) => (
        <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace', wordBreak: 'break-all' }}>
          {JSON.stringify(row.changes).slice(0, 300)}
        </Typography.Text>
      ),
    },
  ];
  return (
    <>
      <SectionHeader title={t('admin.audit.title')} />
      <Flex gap={12} style={{ marginBottom: 16 }} wrap>
        <Input.Search allowClear placeholder={t('admin.audit.filterAction')} aria-label={t('admin.audit.filterAction')} onSearch={(v) => setAction(v.trim())} style={{ maxWidth: 300 }} />
        <Select
          allowClear
          placeholder={t('admin.audit.filterTarget')}
          aria-label={t('admin.audit.filterTarget')}
          style={{ minWidth: 200 }}
          value={targetType || undefined}
          onChange={(v?: string) => setTargetType(v ?? '')}
          options={TARGET_TYPES.map((v) => ({ value: v, label: v }))}
        />
      </Flex>
      <ApiErrorNote error={audit.error} />
      <Table<AuditRow> rowKey="id" size="small" columns={columns} dataSource={rows} loading={audit.isPending} pagination={false} data-testid="audit-table" scroll={{ x: true }} />
      {audit.hasNextPage && (
        <Button style={{ marginTop: 12 }} onClick={() => void audit.fetchNextPage()} loading={audit.isFetchingNextPage}>
          {t('admin.common.loadMore')}
        </Button>
      )}
    </>
  );
}
