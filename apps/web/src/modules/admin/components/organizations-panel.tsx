import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Form, Input, Space, Table, Tag, type TableColumnsType } from '../../../ui';
import { Modal, Popconfirm } from '../../../ui/admin-kit';
import { adminApi, type OrganizationRow } from '../api/admin-api';
import { adminKeys } from '../hooks/admin-keys';
import { useAdminMutation, useOrganizations } from '../hooks/use-admin';
import { parseDomains } from '../utils/admin-rules';
import { ApiErrorNote, ReadOnlyNote, SectionHeader } from './admin-parts';

interface Values {
  name: string;
  domains?: string;
  notes?: string;
}

/** Organizations (the customers' companies) and the email domains that place customers in them. */
export function OrganizationsPanel({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const organizations = useOrganizations(q);
  const [editing, setEditing] = useState<OrganizationRow | 'new' | null>(null);
  const remove = useAdminMutation((id: string) => adminApi.organizations.remove(id), { invalidate: [adminKeys.organizationsRoot()], successText: t('admin.common.deleted') });
  const columns: TableColumnsType<OrganizationRow> = [
    { title: t('admin.common.name'), dataIndex: 'name', key: 'name' },
    { title: t('admin.organizations.domains'), key: 'domains', render: (_, o) => o.domains.map((d) => <Tag key={d}>{d}</Tag>) },
    { title: t('admin.organizations.notes'), dataIndex: 'notes', key: 'notes', ellipsis: true },
    {
      title: t('admin.common.actions'),
      key: 'actions',
      render: (_, o) =>
        canEdit && (
          <Space size={4}>
            <Button size="small" onClick={() => setEditing(o)}>
              {t('admin.common.edit')}
            </Button>
            <Popconfirm title={t('admin.common.confirmDelete')} onConfirm={() => remove.mutate(o.id)}>
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
      <SectionHeader title={t('admin.organizations.title')} action={canEdit && <Button type="primary" onClick={() => setEditing('new')}>{t('admin.common.add')}</Button>} />
      <ReadOnlyNote readOnly={!canEdit} />
      <Input.Search allowClear placeholder={t('admin.common.search')} aria-label={t('admin.common.search')} onSearch={(v) => setQ(v.trim())} style={{ maxWidth: 320, marginBottom: 16 }} />
      <ApiErrorNote error={organizations.error} />
      <Table<OrganizationRow> rowKey="id" columns={columns} dataSource={organizations.data ?? []} loading={organizations.isPending} pagination={false} />
      {editing && <OrganizationModal organization={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function OrganizationModal({ organization, onClose }: { organization: OrganizationRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = useAdminMutation(
    (body: { name: string; domains: string[]; notes: string }) => (organization ? adminApi.organizations.update(organization.id, body) : adminApi.organizations.create(body)),
    { invalidate: [adminKeys.organizationsRoot()], form, fieldNames: ['name', 'domains', 'notes'] },
  );
  return (
    <Modal open title={organization?.name ?? t('admin.common.add')} onCancel={onClose} onOk={() => form.submit()} okText={t('admin.common.save')} cancelText={t('admin.common.cancel')} confirmLoading={save.isPending} destroyOnHidden>
      <ApiErrorNote error={save.error} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={organization ? { ...organization, domains: organization.domains.join('\n') } : {}}
        onFinish={(v) => save.mutate({ name: v.name.trim(), domains: parseDomains(v.domains ?? '').domains, notes: v.notes?.trim() ?? '' }, { onSuccess: onClose })}
      >
        <Form.Item name="name" label={t('admin.common.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200 }]}>
          <Input autoFocus />
        </Form.Item>
        <Form.Item
          name="domains"
          label={t('admin.organizations.domains')}
          extra={t('admin.organizations.domainsHint')}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                const { invalid } = parseDomains(value ?? '');
                if (invalid.length) throw new Error(t('admin.organizations.badDomain', { value: invalid[0] }));
              },
            },
          ]}
        >
          <Input.TextArea rows={3} placeholder="example.com" />
        </Form.Item>
        <Form.Item name="notes" label={t('admin.organizations.notes')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
