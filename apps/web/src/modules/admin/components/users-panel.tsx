import { MailOutlined, SearchOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { LANGUAGES } from '../../../lib/i18n';
import { Button, Flex, Form, Input, Select, Space, Table, Tag, useToast, type TableColumnsType } from '../../../ui';
import { Modal, Popconfirm } from '../../../ui/admin-kit';
import { useSession, type Role } from '../../session';
import { adminApi, type InviteInput, type UserRow } from '../api/admin-api';
import { adminKeys } from '../hooks/admin-keys';
import { useAdminMutation, useGroups, useInvitations, useUsers } from '../hooks/use-admin';
import { ApiErrorNote, ReadOnlyNote, SectionHeader } from './admin-parts';

const STAFF_ROLES = ['owner', 'admin', 'supervisor', 'agent', 'light_agent'] as const;
const ALL_ROLES = [...STAFF_ROLES, 'customer'] as const;
const inviteFields = ['name', 'email', 'role', 'locale', 'group_ids', 'ticket_access'] as const;

/** Users: search, invite agents by email link, change role, groups and access, deactivate. */
export function UsersPanel({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useSession().data?.user;
  const [q, setQ] = useState('');
  const [role, setRole] = useState<string>('owner,admin,supervisor,agent,light_agent');
  const users = useUsers({ q: q || undefined, role: role || undefined });
  const invitations = useInvitations(canEdit);
  const groups = useGroups();
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<UserRow | null>(null);

  const invitedUntil = useMemo(() => new Map((invitations.data ?? []).map((i) => [i.user_id, i.expires_at])), [invitations.data]);
  const groupNames = useMemo(() => new Map((groups.data ?? []).map((g) => [g.id, g.name])), [groups.data]);
  const rows = users.data?.pages.flatMap((page) => page.data) ?? [];
  const invalidate = [adminKeys.usersRoot(), adminKeys.invitations()];

  const resend = useAdminMutation((id: string) => adminApi.invitations.resend(id), { invalidate, successText: t('admin.users.resend') });
  const setActive = useAdminMutation(
    ({ id, active }: { id: string; active: boolean }) => (active ? adminApi.users.update(id, { active: true }) : adminApi.users.deactivate(id)),
    { invalidate },
  );
  const mayManage = (user: UserRow) => canEdit && user.id !== me?.id && (me?.role === 'owner' || !['owner', 'admin'].includes(user.role));

  const columns: TableColumnsType<UserRow> = [
    { title: t('admin.common.name'), dataIndex: 'name', key: 'name' },
    { title: t('admin.users.email'), dataIndex: 'email', key: 'email', render: (email: string | null) => email ?? t('common.none') },
    { title: t('admin.users.role'), dataIndex: 'role', key: 'role', render: (value: Role) => t(`admin.roles.${value}`) },
    {
      title: t('admin.users.groups'),
      key: 'groups',
      render: (_, user) => user.group_ids.map((id) => <Tag key={id}>{groupNames.get(id) ?? id}</Tag>),
    },
    {
      title: t('admin.users.status'),
      key: 'status',
      render: (_, user) =>
        !user.active ? (
          <Tag>{t('admin.common.inactive')}</Tag>
        ) : invitedUntil.has(user.id) ? (
          <Tag color="gold" title={t('admin.users.invitedUntil', { date: format.dateTime(invitedUntil.get(user.id)) })}>
            {t('admin.users.invited')}
          </Tag>
        ) : (
          <Tag color="green">{t('admin.common.active')}</Tag>
        ),
    },
    {
      title: t('admin.users.lastLogin'),
      dataIndex: 'last_login_at',
      key: 'last_login_at',
      render: (value: string | null) => (value ? format.relative(value) : t('admin.users.never')),
    },
    {
      title: t('admin.common.actions'),
      key: 'actions',
      render: (_, user) =>
        mayManage(user) ? (
          <Space size={4} wrap>
            <Button size="small" onClick={() => setEditing(user)}>
              {t('admin.common.edit')}
            </Button>
            {invitedUntil.has(user.id) && (
              <Button size="small" icon={<MailOutlined />} loading={resend.isPending && resend.variables === user.id} onClick={() => resend.mutate(user.id)}>
                {t('admin.users.resend')}
              </Button>
            )}
            {user.active ? (
              <Popconfirm title={t('admin.users.deactivateConfirm', { name: user.name })} onConfirm={() => setActive.mutate({ id: user.id, active: false })}>
                <Button size="small" danger>
                  {t('admin.users.deactivate')}
                </Button>
              </Popconfirm>
            ) : (
              <Button size="small" onClick={() => setActive.mutate({ id: user.id, active: true })}>
                {t('admin.users.reactivate')}
              </Button>
            )}
          </Space>
        ) : null,
    },
  ];

  return (
    <>
      <SectionHeader
        title={t('admin.users.title')}
        action={
          canEdit && (
            <Button type="primary" icon={<MailOutlined />} onClick={() => setInviting(true)} data-testid="invite-agent">
              {t('admin.users.invite')}
            </Button>
          )
        }
      />
      <ReadOnlyNote readOnly={!canEdit} />
      <Flex gap={12} style={{ marginBottom: 16 }} wrap>
        <Input.Search
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('admin.users.searchPlaceholder')}
          aria-label={t('admin.common.search')}
          onSearch={(value) => setQ(value.trim())}
          style={{ maxWidth: 320 }}
        />
        <Select
          aria-label={t('admin.users.roleFilter')}
          value={role}
          onChange={setRole}
          style={{ minWidth: 200 }}
          options={[
            { value: STAFF_ROLES.join(','), label: t('admin.users.staffOnly') },
            { value: '', label: t('admin.users.allRoles') },
            ...ALL_ROLES.map((r) => ({ value: r, label: t(`admin.roles.${r}`) })),
          ]}
        />
      </Flex>
      <ApiErrorNote error={users.error} />
      <Table<UserRow> rowKey="id" size="middle" columns={columns} dataSource={rows} loading={users.isPending} pagination={false} data-testid="users-table" scroll={{ x: true }} />
      {users.hasNextPage && (
        <Button style={{ marginTop: 12 }} onClick={() => void users.fetchNextPage()} loading={users.isFetchingNextPage}>
          {t('admin.common.loadMore')}
        </Button>
      )}
      {inviting && <InviteModal onClose={() => setInviting(false)} canInviteAdmins={me?.role === 'owner'} />}
      {editing && <EditUserModal user={editing} onClose={() => setEditing(null)} canGrantAdmin={me?.role === 'owner'} />}
    </>
  );
}

function groupOptions(groups: Array<{ id: string; name: string }> | undefined) {
  return (groups ?? []).map((g) => ({ value: g.id, label: g.name }));
}

function InviteModal({ onClose, canInviteAdmins }: { onClose: () => void; canInviteAdmins: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<InviteInput>();
  const groups = useGroups();
  const toast = useToast();
  const invite = useAdminMutation((input: InviteInput) => adminApi.invitations.create(input), {
    invalidate: [adminKeys.usersRoot(), adminKeys.invitations()],
    form,
    fieldNames: inviteFields,
    successText: false,
  });
  const roles = STAFF_ROLES.filter((role) => canInviteAdmins || !['owner', 'admin'].includes(role));
  return (
    <Modal
      open
      title={t('admin.users.inviteTitle')}
      onCancel={onClose}
      okText={t('admin.users.inviteSubmit')}
      cancelText={t('admin.common.cancel')}
      confirmLoading={invite.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <p>{t('admin.users.inviteHint')}</p>
      <ApiErrorNote error={invite.error} />
      <Form<InviteInput>
        form={form}
        layout="vertical"
        initialValues={{ role: 'agent', ticket_access: 'all' }}
        onFinish={(values) =>
          invite.mutate(
            { ...values, name: values.name.trim(), email: values.email.trim() },
            {
              onSuccess: (data) => {
                toast.success(t('admin.users.invitationSent', { email: data.user.email ?? '' }));
                onClose();
              },
            },
          )
        }
        data-testid="invite-form"
      >
        <Form.Item name="name" label={t('admin.common.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200 }]}>
          <Input autoFocus />
        </Form.Item>
        <Form.Item name="email" label={t('admin.users.email')} rules={[{ required: true, message: t('validation.required') }, { type: 'email', message: t('validation.email') }]}>
          <Input inputMode="email" />
        </Form.Item>
        <Form.Item name="role" label={t('admin.users.role')}>
          <Select options={roles.map((r) => ({ value: r, label: t(`admin.roles.${r}`) }))} />
        </Form.Item>
        <Form.Item name="group_ids" label={t('admin.users.groups')}>
          <Select mode="multiple" options={groupOptions(groups.data)} />
        </Form.Item>
        <Form.Item name="ticket_access" label={t('admin.users.ticketAccess')}>
          <Select options={(['all', 'groups', 'assigned'] as const).map((a) => ({ value: a, label: t(`admin.users.access.${a}`) }))} />
        </Form.Item>
        <Form.Item name="locale" label={t('admin.users.language')}>
          <Select allowClear options={LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface EditValues {
  name: string;
  role: UserRow['role'];
  group_ids: string[];
  ticket_access: UserRow['ticket_access'];
}

function EditUserModal({ user, onClose, canGrantAdmin }: { user: UserRow; onClose: () => void; canGrantAdmin: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EditValues>();
  const groups = useGroups();
  const save = useAdminMutation((values: EditValues) => adminApi.users.update(user.id, values), {
    invalidate: [adminKeys.usersRoot()],
    form,
    fieldNames: ['name', 'role', 'group_ids', 'ticket_access'],
  });
  const roles = ALL_ROLES.filter((role) => canGrantAdmin || !['owner', 'admin'].includes(role));
  return (
    <Modal
      open
      title={t('admin.users.editTitle', { name: user.name })}
      onCancel={onClose}
      okText={t('admin.common.save')}
      cancelText={t('admin.common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <ApiErrorNote error={save.error} />
      <Form<EditValues>
        form={form}
        layout="vertical"
        initialValues={{ name: user.name, role: user.role, group_ids: user.group_ids, ticket_access: user.ticket_access }}
        onFinish={(values) => save.mutate({ ...values, name: values.name.trim(), group_ids: values.role === 'customer' ? [] : values.group_ids }, { onSuccess: onClose })}
      >
        <Form.Item name="name" label={t('admin.common.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="role" label={t('admin.users.role')}>
          <Select options={roles.map((r) => ({ value: r, label: t(`admin.roles.${r}`) }))} />
        </Form.Item>
        <Form.Item name="group_ids" label={t('admin.users.groups')}>
          <Select mode="multiple" options={groupOptions(groups.data)} />
        </Form.Item>
        <Form.Item name="ticket_access" label={t('admin.users.ticketAccess')}>
          <Select options={(['all', 'groups', 'assigned'] as const).map((a) => ({ value: a, label: t(`admin.users.access.${a}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
