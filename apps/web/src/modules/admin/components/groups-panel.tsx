import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Form, Input, Select, Space, Table, type TableColumnsType } from '../../../ui';
import { Modal, Popconfirm } from '../../../ui/admin-kit';
import { adminApi, type GroupRow } from '../api/admin-api';
import { adminKeys } from '../hooks/admin-keys';
import { useAdminMutation, useGroupMembers, useGroups, useUsers } from '../hooks/use-admin';
import { ApiErrorNote, ReadOnlyNote, SectionHeader } from './admin-parts';

interface Values {
  name: string;
  description?: string;
}

/** Groups (teams, departments) and their members. */
export function GroupsPanel({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const groups = useGroups();
  const [editing, setEditing] = useState<GroupRow | 'new' | null>(null);
  const [members, setMembers] = useState<GroupRow | null>(null);
  const remove = useAdminMutation((id: string) => adminApi.groups.remove(id), { invalidate: [adminKeys.groups()], successText: t('admin.common.deleted') });

  const columns: TableColumnsType<GroupRow> = [
    { title: t('admin.common.name'), dataIndex: 'name', key: 'name' },
    { title: t('admin.groups.description'), dataIndex: 'description', key: 'description' },
    { title: t('admin.groups.members'), key: 'members', render: (_, g) => t('admin.groups.memberCount', { count: g.member_count }) },
    {
      title: t('admin.common.actions'),
      key: 'actions',
      render: (_, group) => (
        <Space size={4}>
          <Button size="small" onClick={() => setMembers(group)}>
            {t('admin.groups.members')}
          </Button>
          {canEdit && (
            <>
              <Button size="small" onClick={() => setEditing(group)}>
                {t('admin.common.edit')}
              </Button>
              <Popconfirm title={t('admin.common.confirmDelete')} onConfirm={() => remove.mutate(group.id)}>
                <Button size="small" danger>
                  {t('admin.common.delete')}
                </Button>
              </Popconfirm>
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <SectionHeader
        title={t('admin.groups.title')}
        action={canEdit && <Button type="primary" onClick={() => setEditing('new')}>{t('admin.common.add')}</Button>}
      />
      <ReadOnlyNote readOnly={!canEdit} />
      <ApiErrorNote error={groups.error} />
      <Table<GroupRow> rowKey="id" columns={columns} dataSource={groups.data ?? []} loading={groups.isPending} pagination={false} />
      {editing && <GroupModal group={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {members && <MembersModal group={members} canEdit={canEdit} onClose={() => setMembers(null)} />}
    </>
  );
}

function GroupModal({ group, onClose }: { group: GroupRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = useAdminMutation((values: Values) => (group ? adminApi.groups.update(group.id, values) : adminApi.groups.create(values)), {
    invalidate: [adminKeys.groups()],
    form,
    fieldNames: ['name', 'description'],
  });
  return (
    <Modal open title={group ? group.name : t('admin.common.add')} onCancel={onClose} onOk={() => form.submit()} okText={t('admin.common.save')} cancelText={t('admin.common.cancel')} confirmLoading={save.isPending} destroyOnHidden>
      <ApiErrorNote error={save.error} />
      <Form<Values> form={form} layout="vertical" initialValues={group ?? {}} onFinish={(v) => save.mutate({ name: v.name.trim(), description: v.description?.trim() ?? '' }, { onSuccess: onClose })}>
        <Form.Item name="name" label={t('admin.common.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200 }]}>
          <Input autoFocus />
        </Form.Item>
        <Form.Item name="description" label={t('admin.groups.description')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MembersModal({ group, canEdit, onClose }: { group: GroupRow; canEdit: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const members = useGroupMembers(group.id);
  const staff = useUsers({ role: 'owner,admin,supervisor,agent,light_agent' });
  const [chosen, setChosen] = useState<string[] | null>(null);
  const save = useAdminMutation((ids: string[]) => adminApi.groups.setMembers(group.id, ids), {
    invalidate: [adminKeys.groups(), adminKeys.usersRoot()],
  });
  const value = chosen ?? (members.data ?? []).map((m) => m.id);
  const options = (staff.data?.pages.flatMap((p) => p.data) ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: `${u.name} (${u.email ?? ''})` }));
  return (
    <Modal
      open
      title={t('admin.groups.editMembers', { name: group.name })}
      onCancel={onClose}
      okText={t('admin.common.save')}
      cancelText={t('admin.common.cancel')}
      okButtonProps={{ disabled: !canEdit }}
      confirmLoading={save.isPending}
      onOk={() => save.mutate(value, { onSuccess: onClose })}
    >
      <ApiErrorNote error={save.error ?? members.error} />
      <Select
        mode="multiple"
        style={{ width: '100%' }}
        aria-label={t('admin.groups.pickMembers')}
        placeholder={t('admin.groups.pickMembers')}
        loading={members.isPending || staff.isPending}
        disabled={!canEdit}
        value={value}
        onChange={setChosen}
        options={options}
        optionFilterProp="label"
      />
    </Modal>
  );
}
