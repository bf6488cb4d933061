import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api';
import { Alert, Button, Form, Input, Space, Table, Tag, type TableColumnsType } from '../../../ui';
import { Modal, Popconfirm, Switch } from '../../../ui/admin-kit';
import { adminApi, type ViewRow } from '../api/admin-api';
import { adminKeys } from '../hooks/admin-keys';
import { useAdminMutation, useViews } from '../hooks/use-admin';
import { localName } from '../utils/admin-rules';
import { ApiErrorNote, ReadOnlyNote, SectionHeader } from './admin-parts';

/** Shared views (the queues in every agent's rail): rename, order, switch off, delete. */
export function ViewsPanel({ canEdit }: { canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const views = useViews();
  const [editing, setEditing] = useState<ViewRow | null>(null);
  const toggle = useAdminMutation(({ id, active }: { id: string; active: boolean }) => adminApi.views.update(id, { active }), { invalidate: [adminKeys.views()] });
  const remove = useAdminMutation((id: string) => adminApi.views.remove(id), { invalidate: [adminKeys.views()], successText: t('admin.common.deleted') });
  if (isApiError(views.error) && views.error.status === 404) {
    return (
      <>
        <SectionHeader title={t('admin.views.title')} />
        <Alert type="info" showIcon title={t('admin.views.unavailable')} />
      </>
    );
  }
  const rows = (views.data ?? []).filter((v) => v.scope === 'shared').sort((a, b) => a.position - b.position);
  const columns: TableColumnsType<ViewRow> = [
    { title: t('admin.views.viewTitle'), key: 'title', render: (_, v) => localName(v, i18n.language) },
    { title: t('admin.common.position'), dataIndex: 'position', key: 'position' },
    { title: t('admin.views.scope'), key: 'conditions', render: (_, v) => <Tag>{t('admin.views.conditions', { count: v.conditions.all.length + v.conditions.any.length })}</Tag> },
    {
      title: t('admin.common.active'),
      key: 'active',
      render: (_, v) => <Switch checked={v.active} disabled={!canEdit || !v.can_edit} aria-label={t('admin.common.active')} onChange={(active) => toggle.mutate({ id: v.id, active })} />,
    },
    {
      title: t('admin.common.actions'),
      key: 'actions',
      render: (_, v) =>
        canEdit && v.can_edit && (
          <Space size={4}>
            <Button size="small" onClick={() => setEditing(v)}>
              {t('admin.common.edit')}
            </Button>
            <Popconfirm title={t('admin.common.confirmDelete')} onConfirm={() => remove.mutate(v.id)}>
              <Button size="small" danger>
                {t('admin.common.delete')}
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];
  return (
    <>
      <SectionHeader title={t('admin.views.title')} hint={t('admin.views.hint')} />
      <ReadOnlyNote readOnly={!canEdit} />
      <ApiErrorNote error={views.error ?? toggle.error ?? remove.error} />
      <Table<ViewRow> rowKey="id" columns={columns} dataSource={rows} loading={views.isPending} pagination={false} />
      {editing && <ViewModal view={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function ViewModal({ view, onClose }: { view: ViewRow; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ title: string; title_zh?: string; position?: number }>();
  const save = useAdminMutation(
    (v: { title: string; title_zh?: string }) => adminApi.views.update(view.id, { title: v.title.trim(), title_zh: v.title_zh?.trim() || null }),
    { invalidate: [adminKeys.views()], form, fieldNames: ['title', 'title_zh'] },
  );
  return (
    <Modal open title={view.title} onCancel={onClose} onOk={() => form.submit()} okText={t('admin.common.save')} cancelText={t('admin.common.cancel')} confirmLoading={save.isPending} destroyOnHidden>
      <ApiErrorNote error={save.error} />
      <Form form={form} layout="vertical" initialValues={{ title: view.title, title_zh: view.title_zh ?? undefined }} onFinish={(v) => save.mutate(v, { onSuccess: onClose })}>
        <Form.Item name="title" label={t('admin.views.viewTitle')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="title_zh" label={t('admin.common.nameZh')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
