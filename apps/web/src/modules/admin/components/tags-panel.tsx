import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Flex, Input, Table, type TableColumnsType } from '../../../ui';
import { Popconfirm } from '../../../ui/admin-kit';
import { adminApi, type TagRow } from '../api/admin-api';
import { adminKeys } from '../hooks/admin-keys';
import { useAdminMutation, useTags } from '../hooks/use-admin';
import { ApiErrorNote, ReadOnlyNote, SectionHeader } from './admin-parts';

/** Tags with their ticket counts: add one ahead of use, delete one (it leaves every ticket). */
export function TagsPanel({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const tags = useTags();
  const [name, setName] = useState('');
  const [filter, setFilter] = useState('');
  const create = useAdminMutation((value: string) => adminApi.tags.create(value), { invalidate: [adminKeys.tags()] });
  const remove = useAdminMutation((value: string) => adminApi.tags.remove(value), { invalidate: [adminKeys.tags()], successText: t('admin.common.deleted') });
  const rows = (tags.data ?? []).filter((tag) => tag.name.includes(filter.trim().toLowerCase()));
  const columns: TableColumnsType<TagRow> = [
    { title: t('admin.common.name'), dataIndex: 'name', key: 'name' },
    { title: t('admin.tags.count'), dataIndex: 'count', key: 'count', render: (count?: number) => count ?? 0 },
    {
      title: t('admin.common.actions'),
      key: 'actions',
      render: (_, tag) =>
        canEdit && (
          <Popconfirm title={t('admin.common.confirmDelete')} onConfirm={() => remove.mutate(tag.name)}>
            <Button size="small" danger>
              {t('admin.common.delete')}
            </Button>
          </Popconfirm>
        ),
    },
  ];
  return (
    <>
      <SectionHeader title={t('admin.tags.title')} hint={t('admin.tags.hint')} />
      <ReadOnlyNote readOnly={!canEdit} />
      <ApiErrorNote error={tags.error ?? create.error} />
      <Flex gap={12} style={{ marginBottom: 16 }} wrap>
        <Input.Search allowClear placeholder={t('admin.common.search')} aria-label={t('admin.common.search')} onChange={(e) => setFilter(e.target.value)} style={{ maxWidth: 260 }} />
        {canEdit && (
          <Flex gap={8}>
            <Input aria-label={t('admin.tags.newTag')} placeholder={t('admin.tags.newTag')} value={name} maxLength={80} onChange={(e) => setName(e.target.value)} onPressEnter={() => name.trim() && create.mutate(name, { onSuccess: () => setName('') })} />
            <Button type="primary" disabled={!name.trim()} loading={create.isPending} onClick={() => create.mutate(name, { onSuccess: () => setName('') })}>
              {t('admin.common.add')}
            </Button>
          </Flex>
        )}
      </Flex>
      <Table<TagRow> rowKey="name" columns={columns} dataSource={rows} loading={tags.isPending} pagination={{ pageSize: 50, hideOnSinglePage: true }} />
    </>
  );
}
