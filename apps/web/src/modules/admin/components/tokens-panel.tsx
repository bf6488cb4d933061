import { CopyOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { Alert, Button, Flex, Form, Input, Select, Table, Tag, Typography, useToast, type TableColumnsType } from '../../../ui';
import { Modal, Popconfirm, Switch } from '../../../ui/admin-kit';
import { adminApi, type TokenRow } from '../api/admin-api';
import { adminKeys } from '../hooks/admin-keys';
import { useAdminMutation, useTokens } from '../hooks/use-admin';
import { ApiErrorNote, SectionHeader } from './admin-parts';

interface Values {
  name: string;
  scope: TokenRow['scope'];
}

/** API tokens: create (the secret is shown once), list, revoke. */
export function TokensPanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const [showRevoked, setShowRevoked] = useState(false);
  const tokens = useTokens(showRevoked);
  const [creating, setCreating] = useState(false);
  const revoke = useAdminMutation((id: string) => adminApi.tokens.revoke(id), { invalidate: [adminKeys.tokensRoot()], successText: t('admin.tokens.revoked') });
  const columns: TableColumnsType<TokenRow> = [
    { title: t('admin.common.name'), dataIndex: 'name', key: 'name' },
    { title: t('admin.tokens.scope'), key: 'scope', render: (_, row) => <Tag>{t(`admin.tokens.scopes.${row.scope}`)}</Tag> },
    { title: t('admin.tokens.prefix'), dataIndex: 'token_prefix', key: 'prefix', render: (p: string) => <code>{p}…</code> },
    { title: t('admin.common.created'), key: 'created', render: (_, row) => format.dateTime(row.created_at) },
    { title: t('admin.tokens.lastUsed'), key: 'used', render: (_, row) => (row.last_used_at ? format.relative(row.last_used_at) : t('admin.users.never')) },
    { title: t('admin.tokens.expires'), key: 'expires', render: (_, row) => (row.expires_at ? format.dateTime(row.expires_at) : t('admin.tokens.noExpiry')) },
    {
      title: t('admin.common.actions'),
      key: 'actions',
      render: (_, row) =>
        row.revoked_at ? (
          <Tag>{t('admin.tokens.revoked')}</Tag>
        ) : (
          <Popconfirm title={t('admin.tokens.revokeConfirm')} onConfirm={() => revoke.mutate(row.id)}>
            <Button size="small" danger>
              {t('admin.tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];
  return (
    <>
      <SectionHeader title={t('admin.tokens.title')} action={<Button type="primary" onClick={() => setCreating(true)}>{t('admin.tokens.create')}</Button>} />
      <Flex gap={8} align="center" style={{ marginBottom: 16 }}>
        <Switch checked={showRevoked} onChange={setShowRevoked} aria-label={t('admin.tokens.showRevoked')} />
        {t('admin.tokens.showRevoked')}
      </Flex>
      <ApiErrorNote error={tokens.error ?? revoke.error} />
      <Table<TokenRow> rowKey="id" columns={columns} dataSource={tokens.data ?? []} loading={tokens.isPending} pagination={false} />
      {creating && <CreateTokenModal onClose={() => setCreating(false)} />}
    </>
  );
}

function CreateTokenModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [form] = Form.useForm<Values>();
  const create = useAdminMutation((v: Values) => adminApi.tokens.create({ name: v.name.trim(), scope: v.scope }), {
    invalidate: [adminKeys.tokensRoot()],
    form,
    fieldNames: ['name', 'scope'],
    successText: false,
  });
  const secret = create.data?.token;
  return (
    <Modal
      open
      title={secret ? t('admin.tokens.createdTitle') : t('admin.tokens.create')}
      onCancel={onClose}
      onOk={() => (secret ? onClose() : form.submit())}
      okText={secret ? t('common.back') : t('admin.tokens.create')}
      cancelButtonProps={{ style: secret ? { display: 'none' } : undefined }}
      cancelText={t('admin.common.cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <ApiErrorNote error={create.error} />
      {secret ? (
        <>
          <Alert type="warning" showIcon title={t('admin.tokens.createdHint')} style={{ marginBottom: 12 }} />
          <Flex gap={8}>
            <Input readOnly value={secret} data-testid="new-token" aria-label={t('admin.tokens.title')} />
            <Button
              icon={<CopyOutlined />}
              onClick={() => void navigator.clipboard?.writeText(secret).then(() => toast.success(t('admin.tokens.copied')))}
            >
              {t('admin.tokens.copy')}
            </Button>
          </Flex>
        </>
      ) : (
        <Form<Values> form={form} layout="vertical" initialValues={{ scope: 'read' }} onFinish={(v) => create.mutate(v)}>
          <Form.Item name="name" label={t('admin.common.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200 }]}>
            <Input autoFocus />
          </Form.Item>
          <Form.Item name="scope" label={t('admin.tokens.scope')}>
            <Select options={(['read', 'write', 'admin'] as const).map((s) => ({ value: s, label: t(`admin.tokens.scopes.${s}`) }))} />
          </Form.Item>
          <Typography.Text type="secondary">{t('admin.tokens.createdHint')}</Typography.Text>
        </Form>
      )}
    </Modal>
  );
}
