import { DownloadOutlined, RedoOutlined } from '@ant-design/icons';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useErrorText } from '../../../lib/api';
import { useFormat } from '../../../lib/format';
import { Alert, Button, Empty, Flex, Segmented, Select, Space, Table, Tag, Typography, useToast, type TableColumnsType } from '../../../ui';
import { Popconfirm } from '../../../ui/admin-kit';
import { useSession } from '../../session';
import type { InboundEmail, InboundStatus } from '../api/email-api';
import { useMailboxes } from '../hooks/use-mailboxes';
import { useInboundEmails, useRetryInbound, useSettlingInbound, useTicketFromInbound } from '../hooks/use-quarantine';
import { canMakeTicket, canRetry, QUARANTINE_STATUSES, reasonLabel, statusFromParam } from '../utils/quarantine';

const statusColour: Record<InboundStatus, string> = { quarantined: 'orange', pending: 'blue', ignored: 'default', duplicate: 'default', processed: 'green' };
/** Roles that may read the mailbox list (names for the mailbox column and filter). */
const MAILBOX_READERS = new Set(['owner', 'admin', 'supervisor']);

/**
 * Inbound mail by status (quarantined first): download the original, process it again, or turn
 * it into a ticket. The filters live in the address (?status=&mailbox=) so a link can point here.
 */
export function QuarantinePanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const toast = useToast();
  const errors = useErrorText();
  const [params, setParams] = useSearchParams();
  const status = statusFromParam(params.get('status'));
  const mailboxId = params.get('mailbox') || null;
  const role = useSession().data?.user.role;
  const mailboxes = useMailboxes(MAILBOX_READERS.has(role ?? ''));
  const list = useInboundEmails({ status, mailbox_id: mailboxId });
  const retry = useRetryInbound();
  const makeTicket = useTicketFromInbound();
  const [settling, setSettling] = useState<string[]>([]);
  const ticketKeys = useRef(new Map<string, string>());
  const rows = list.data?.pages.flatMap((page) => page.data) ?? [];
  const mailboxName = useMemo(() => new Map((mailboxes.data ?? []).map((box) => [box.id, box.address])), [mailboxes.data]);

  const statusText = (value: InboundStatus) => t(`ws.email.quarantine.statuses.${value}`);
  const subjectOf = (row: InboundEmail) => row.subject || t('ws.email.quarantine.noSubject');
  const setFilter = (name: 'status' | 'mailbox', value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  useSettlingInbound(settling, (row) => {
    setSettling((ids) => ids.filter((id) => id !== row.id));
    toast.info(t('ws.email.quarantine.retried', { status: statusText(row.status) }));
  });

  const onRetry = (row: InboundEmail) =>
    retry.mutate(row.id, {
      onSuccess: (next) => {
        if (next.status === 'pending') setSettling((ids) => (ids.includes(next.id) ? ids : [...ids, next.id]));
        else toast.info(t('ws.email.quarantine.retried', { status: statusText(next.status) }));
      },
      onError: (error) => toast.error(errors.describe(error)),
    });

  const onMakeTicket = (row: InboundEmail) => {
    // One key per message for this page's life: a second click after a lost answer makes no second ticket.
    const key = ticketKeys.current.get(row.id) ?? crypto.randomUUID();
    ticketKeys.current.set(row.id, key);
    return makeTicket.mutateAsync({ row, idempotencyKey: key }).then(
      () => toast.success(t('ws.email.quarantine.created')),
      (error: unknown) => toast.error(errors.describe(error)),
    );
  };

  const columns: TableColumnsType<InboundEmail> = [
    {
      title: t('ws.email.quarantine.received'),
      key: 'received',
      width: 150,
      render: (_, row) => <time dateTime={row.received_at}>{format.dateTime(row.received_at)}</time>,
    },
    { title: t('ws.email.quarantine.mailbox'), key: 'mailbox', render: (_, row) => mailboxName.get(row.mailbox_id) ?? row.mailbox_address ?? `#${row.mailbox_id}` },
    {
      title: t('ws.email.quarantine.from'),
      key: 'from',
      render: (_, row) => <span style={{ overflowWrap: 'anywhere', display: 'inline-block', maxWidth: 260 }}>{row.from_address ?? <Typography.Text type="secondary">{t('ws.email.quarantine.unknownSender')}</Typography.Text>}</span>,
    },
    {
      title: t('ws.email.quarantine.subject'),
      key: 'subject',
      render: (_, row) => (
        <Space size={4} wrap style={{ maxWidth: 280 }}>
          <span style={{ overflowWrap: 'anywhere' }}>{subjectOf(row)}</span>
          {row.status !== status && <Tag color={statusColour[row.status]} bordered={false} data-testid="inbound-status">{statusText(row.status)}</Tag>}
          {row.truncated && <Tag bordered={false}>{t('ws.email.quarantine.headersOnly')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('ws.email.quarantine.reason'),
      key: 'reason',
      render: (_, row) => {
        const label = reasonLabel(row.reason_code);
        if (!label) return null;
        return (
          <Tag color="orange" bordered={false} data-reason={row.reason_code ?? undefined}>
            {'key' in label ? t(label.key) : label.text}
          </Tag>
        );
      },
    },
    {
      title: t('ws.email.quarantine.error'),
      key: 'error',
      render: (_, row) => (
        <Flex vertical gap={2} style={{ maxWidth: 240 }}>
          {row.error && (
            <Typography.Text type="danger" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
              {row.error}
            </Typography.Text>
          )}
          {row.attempts > 1 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('ws.email.quarantine.attempts', { count: row.attempts })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('ws.email.quarantine.actions'),
      key: 'actions',
      // Always in sight, however wide the error and subject make the table.
      fixed: 'right',
      width: 250,
      render: (_, row) => (
        <Space size={4} wrap>
          <Button size="small" icon={<DownloadOutlined />} href={row.raw_url} download aria-label={t('ws.email.quarantine.downloadLabel', { subject: subjectOf(row) })}>
            {t('ws.email.quarantine.download')}
          </Button>
          {canRetry(row) && (
            <Button
              size="small"
              icon={<RedoOutlined />}
              loading={(retry.isPending && retry.variables === row.id) || settling.includes(row.id)}
              onClick={() => onRetry(row)}
              aria-label={t('ws.email.quarantine.retryLabel', { subject: subjectOf(row) })}
              data-testid="retry-inbound"
            >
              {t('ws.email.quarantine.retry')}
            </Button>
          )}
          {canMakeTicket(row) && (
            <Popconfirm title={t('ws.email.quarantine.createConfirm')} okText={t('ws.email.quarantine.createTicket')} cancelText={t('common.cancel')} onConfirm={() => onMakeTicket(row)}>
              <Button size="small" aria-label={t('ws.email.quarantine.createTicketLabel', { subject: subjectOf(row) })} data-testid="ticket-from-inbound">
                {t('ws.email.quarantine.createTicket')}
              </Button>
            </Popconfirm>
          )}
          {row.ticket_id && (
            <Link to={`/tickets/${encodeURIComponent(row.ticket_id)}`} data-testid="inbound-ticket-link">
              {t('ws.email.quarantine.openTicket')}
            </Link>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('ws.email.quarantine.title')}
        </Typography.Title>
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4, maxWidth: 760 }}>
          {t('ws.email.quarantine.hint')}
        </Typography.Text>
      </div>
      <Flex gap={12} wrap align="center">
        <Segmented<InboundStatus>
          aria-label={t('ws.email.quarantine.statusFilter')}
          value={status}
          onChange={(value) => setFilter('status', value === 'quarantined' ? null : value)}
          options={QUARANTINE_STATUSES.map((value) => ({ value, label: statusText(value) }))}
          data-testid="quarantine-status"
        />
        {mailboxes.data && mailboxes.data.length > 0 && (
          <Select
            aria-label={t('ws.email.quarantine.mailboxFilter')}
            style={{ minWidth: 220 }}
            allowClear
            placeholder={t('ws.email.quarantine.allMailboxes')}
            value={mailboxId ?? undefined}
            onChange={(value?: string) => setFilter('mailbox', value ?? null)}
            options={mailboxes.data.map((box) => ({ value: box.id, label: box.address }))}
          />
        )}
      </Flex>
      {list.error && <Alert type="error" showIcon role="alert" title={errors.describe(list.error)} />}
      <Table<InboundEmail>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={list.isPending}
        pagination={false}
        size="middle"
        scroll={{ x: 'max-content' }}
        data-testid="quarantine-table"
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={status === 'quarantined' ? t('ws.email.quarantine.emptyQuarantined') : t('ws.email.quarantine.empty')} />,
        }}
      />
      {list.hasNextPage ? (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} style={{ alignSelf: 'center' }} data-testid="quarantine-more">
          {t('ws.email.quarantine.loadMore')}
        </Button>
      ) : (
        rows.length > 0 && (
          <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
            {t('ws.email.quarantine.allLoaded', { count: rows.length })}
          </Typography.Text>
        )
      )}
    </Flex>
  );
}
