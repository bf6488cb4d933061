import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Form, Input, Select, Space, Table, Tag, type TableColumnsType } from '../../../ui';
import { InputNumber, Modal, Popconfirm, Switch } from '../../../ui/admin-kit';
import { adminApi, type StatusCategory, type StatusRow } from '../api/admin-api';
import { adminKeys } from '../hooks/admin-keys';
import { useAdminMutation, useStatuses } from '../hooks/use-admin';
import { localName } from '../utils/admin-rules';
import { ApiErrorNote, ReadOnlyNote, SectionHeader } from './admin-parts';

const CATEGORIES: StatusCategory[] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];

interface Values {
  category: StatusCategory;
  name: string;
  name_zh?: string;
  is_default?: boolean;
  active?: boolean;
  position?: number;
}

/** Custom ticket statuses, each mapped to one of the fixed categories tickets behave by. */
export function StatusesPanel({ canEdit }: { canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const statuses = useStatuses();
  const [editing, setEditing] = useState<StatusRow | 'new' | null>(null);
  const remove = useAdminMutation((id: string) => adminApi.statuses.remove(id), { invalidate: [adminKeys.statuses()], successText: t('admin.common.deleted') });
  const rows = [...(statuses.data ?? [])].sort((a, b) => CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category) || a.position - b.position);
  const columns: TableColumnsType<StatusRow> = [
    { title: t('admin.common.name'), key: 'name', render: (_, s) => localName(s, i18n.language) },
    { title: t('admin.statuses.category'), key: 'category', render: (_, s) => <Tag>{t(`admin.statuses.categories.${s.category}`)}</Tag> },
    { title: t('admin.statuses.isDefault'), key: 'default', render: (_, s) => (s.is_default ? t('admin.common.yes') : '') },
    { title: t('admin.common.active'), key: 'active', render: (_, s) => (s.active ? t('admin.common.yes') : t('admin.common.no')) },
    {
      title: t('admin.common.actions'),
      key: 'actions',
      render: (_, s) =>
        canEdit && (
          <Space size={4}>
            <Button size="small" onClick={() => setEditing(s)}>
              {t('admin.common.edit')}
            </Button>
            <Popconfirm title={t('admin.common.confirmDelete')} onConfirm={() => remove.mutate(s.id)}>
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
      <SectionHeader title={t('admin.statuses.title')} hint={t('admin.statuses.hint')} action={canEdit && <Button type="primary" onClick={() => setEditing('new')}>{t('admin.common.add')}</Button>} />
      <ReadOnlyNote readOnly={!canEdit} />
      <ApiErrorNote error={statuses.error ?? remove.error} />
      <Table<StatusRow> rowKey="id" columns={columns} dataSource={rows} loading={statuses.isPending} pagination={false} />
      {editing && <StatusModal status={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function StatusModal({ status, onClose }: { status: StatusRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = useAdminMutation(
    (v: Values) => {
      const body = { name: v.name.trim(), name_zh: v.name_zh?.trim() || null, is_default: v.is_default, active: v.active, position: v.position };
      return status ? adminApi.statuses.update(status.id, body) : adminApi.statuses.create({ ...body, category: v.category });
    },
    { invalidate: [adminKeys.statuses()], form, fieldNames: ['category', 'name', 'name_zh', 'is_default', 'active', 'position'] },
  );
  return (
    <Modal open title={status?.name ?? t('admin.common.add')} onCancel={onClose} onOk={() => form.submit()} okText={t('admin.common.save')} cancelText={t('admin.common.cancel')} confirmLoading={save.isPending} destroyOnHidden>
      <ApiErrorNote error={save.error} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={status ? { ...status, name_zh: status.name_zh ?? undefined } : { category: 'open', active: true, is_default: false }}
        onFinish={(v) => save.mutate(v, { onSuccess: onClose })}
      >
        <Form.Item name="category" label={t('admin.statuses.category')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select disabled={Boolean(status)} options={CATEGORIES.map((c) => ({ value: c, label: t(`admin.statuses.categories.${c}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('admin.common.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}>
          <Input autoFocus />
        </Form.Item>
        <Form.Item name="name_zh" label={t('admin.common.nameZh')} rules={[{ max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="position" label={t('admin.common.position')}>
          <InputNumber min={0} max={10000} precision={0} />
        </Form.Item>
        <Form.Item name="is_default" label={t('admin.statuses.isDefault')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="active" label={t('admin.common.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
