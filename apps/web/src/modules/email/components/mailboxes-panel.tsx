import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorText } from '../../../lib/api';
import { useFormat } from '../../../lib/format';
import { Alert, Button, Empty, Flex, Space, Table, Tag, Typography, useToast, type TableColumnsType } from '../../../ui';
import { Popconfirm } from '../../../ui/admin-kit';
import type { Mailbox } from '../api/email-api';
import { useDeleteMailbox, useMailboxes } from '../hooks/use-mailboxes';
import { MailboxDrawer } from './mailbox-drawer';

const OnOff = ({ on }: { on: boolean }) => {
  const { t } = useTranslation();
  return <Tag color={on ? 'green' : 'default'} bordered={false}>{on ? t('admin.email.mailboxes.on') : t('admin.email.mailboxes.off')}</Tag>;
};

/** Admin → Email → Mailboxes: every address with how mail comes in and goes out, and what waits in quarantine. */
export function MailboxesPanel({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const toast = useToast();
  const errors = useErrorText();
  const mailboxes = useMailboxes();
  const remove = useDeleteMailbox();
  // 'new', a mailbox id, or closed.
  const [open, setOpen] = useState<string | null>(null);

  const columns: TableColumnsType<Mailbox> = [
    {
      title: t('admin.email.mailboxes.address'),
      key: 'address',
      render: (_, row) => (
        <Space size={4} wrap>
          <Typography.Text strong>{row.address}</Typography.Text>
          {!row.active && <Tag bordered={false}>{t('admin.email.mailboxes.inactive')}</Tag>}
        </Space>
      ),
    },
    { title: t('admin.email.mailboxes.name'), dataIndex: 'name', key: 'name' },
    { title: t('admin.email.mailboxes.smtpInbound'), key: 'smtp', render: (_, row) => <OnOff on={row.smtp_inbound} /> },
    {
      title: t('admin.email.mailboxes.imap'),
      key: 'imap',
      render: (_, row) => (
        <Flex vertical gap={2} align="flex-start">
          <OnOff on={row.imap.enabled} />
          {row.imap.enabled && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {row.imap.last_polled_at ? t('admin.email.mailboxes.lastPoll', { when: format.relative(row.imap.last_polled_at) }) : t('admin.email.mailboxes.neverPolled')}
            </Typography.Text>
          )}
          {row.imap.last_error && (
            <Typography.Text type="danger" style={{ fontSize: 12, overflowWrap: 'anywhere' }} data-testid="imap-error">
              {t('admin.email.mailboxes.lastError', { error: row.imap.last_error })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('admin.email.mailboxes.outbound'),
      key: 'outbound',
      render: (_, row) =>
        row.outbound.mode === 'disabled'
          ? t('admin.email.mailboxes.outboundDisabled')
          : row.outbound.host
            ? t('admin.email.mailboxes.outboundSmtp', { host: row.outbound.port ? `${row.outbound.host}:${row.outbound.port}` : row.outbound.host })
            : t('admin.email.mailboxes.outboundInstance'),
    },
    {
      title: t('admin.email.mailboxes.quarantined'),
      key: 'quarantined',
      render: (_, row) =>
        row.quarantined > 0 ? (
          <Link to={`/admin/quarantine?mailbox=${encodeURIComponent(row.id)}`}>
            <Tag color="orange" bordered={false}>{t('admin.email.mailboxes.quarantinedCount', { count: row.quarantined })}</Tag>
          </Link>
        ) : (
          <Typography.Text type="secondary">0</Typography.Text>
        ),
    },
    {
      title: t('admin.common.actions'),
      key: 'actions',
      render: (_, row) => (
        <Space size={4}>
          <Button size="small" onClick={() => setOpen(row.id)} aria-label={`${canEdit ? t('admin.common.edit') : t('admin.email.mailboxes.view')}: ${row.address}`}>
            {canEdit ? t('admin.common.edit') : t('admin.email.mailboxes.view')}
          </Button>
          {canEdit && (
            <Popconfirm
              title={t('admin.email.mailboxes.deleteConfirm', { address: row.address })}
              okText={t('admin.common.delete')}
              cancelText={t('admin.common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() =>
                remove.mutateAsync(row.id).then(
                  () => toast.success(t('admin.email.mailboxes.deleted')),
                  (error: unknown) => toast.error(errors.describe(error)),
                )
              }
            >
              <Button size="small" danger aria-label={`${t('admin.common.delete')}: ${row.address}`}>
                {t('admin.common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="flex-start" gap={16} style={{ marginBottom: 16 }} wrap>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('admin.email.mailboxes.title')}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4, maxWidth: 720 }}>
            {t('admin.email.mailboxes.hint')}
          </Typography.Text>
        </div>
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen('new')} data-testid="add-mailbox">
            {t('admin.email.mailboxes.add')}
          </Button>
        )}
      </Flex>
      {!canEdit && <Alert type="info" showIcon title={t('admin.common.readOnly')} style={{ marginBottom: 16 }} />}
      {mailboxes.error && <Alert type="error" showIcon role="alert" title={errors.describe(mailboxes.error)} data-testid="admin-error" style={{ marginBottom: 16 }} />}
      <Table<Mailbox>
        rowKey="id"
        columns={columns}
        dataSource={mailboxes.data ?? []}
        loading={mailboxes.isPending}
        pagination={false}
        data-testid="mailboxes-table"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admin.email.mailboxes.empty')} /> }}
        scroll={{ x: 'max-content' }}
      />
      {open && (
        <MailboxDrawer
          mailbox={open === 'new' ? null : (mailboxes.data?.find((row) => row.id === open) ?? null)}
          canEdit={canEdit}
          onClose={() => setOpen(null)}
        />
      )}
    </>
  );
}
