import { PaperClipOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorText } from '../../../lib/api';
import { useFormat } from '../../../lib/format';
import { Alert, Button, Card, ErrorAlert, Flex, Input, Skeleton, Typography, useToast } from '../../../ui';
import { useSession } from '../../session';
import { portalApi } from '../api/portal-api';
import { useAttachments, usePortalMessages, usePortalTicket } from '../hooks/use-portal';
import { customerThread, idempotencyKey, isOwn, portalKeys } from '../utils/portal-utils';
import { AttachmentPicker } from './attachment-picker';
import { PortalStatus } from './portal-tickets';

/** One request: its public conversation (the customer's messages and the team's replies) and a reply box. */
export function PortalTicket({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errors = useErrorText();
  const me = useSession().data?.user;
  const ticket = usePortalTicket(ticketId);
  const messages = usePortalMessages(ticketId);
  if (ticket.isPending) return <Skeleton active />;
  if (ticket.isError) {
    return (
      <>
        <Link to="/portal">← {t('portal.ticket.back')}</Link>
        <Alert type="warning" showIcon title={t('portal.ticket.notFound')} style={{ marginTop: 16 }} />
      </>
    );
  }
  const data = ticket.data;
  const thread = customerThread(messages.data ?? []);
  return (
    <>
      <Link to="/portal">← {t('portal.ticket.back')}</Link>
      <Flex justify="space-between" align="flex-start" gap={12} wrap style={{ margin: '12px 0 16px' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {data.subject} <Typography.Text type="secondary">#{data.number}</Typography.Text>
        </Typography.Title>
        <PortalStatus status={data.status} />
      </Flex>
      {messages.isError && <ErrorAlert message={errors.describe(messages.error)} onRetry={() => void messages.refetch()} retryLabel={t('common.retry')} />}
      <Flex vertical gap={12} data-testid="portal-thread">
        {thread.map((message) => {
          const own = isOwn(message, me?.id);
          return (
            <Card
              key={message.id}
              size="small"
              data-testid="portal-message"
              style={{ alignSelf: own ? 'flex-end' : 'flex-start', maxWidth: '90%', background: own ? '#eef4ff' : '#fff' }}
            >
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {own ? t('portal.ticket.you') : t('portal.ticket.support')} · {format.dateTime(message.created_at)}
              </Typography.Text>
              <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', marginTop: 4 }}>{message.body}</div>
              {message.attachments.length > 0 && (
                <Flex vertical gap={2} style={{ marginTop: 8 }} aria-label={t('portal.ticket.attachments')}>
                  {message.attachments.map((file) => (
                    <a key={file.id} href={file.url} download={file.file_name}>
                      <PaperClipOutlined /> {file.file_name}
                    </a>
                  ))}
                </Flex>
              )}
            </Card>
          );
        })}
      </Flex>
      {data.status === 'closed' ? <Alert type="info" showIcon title={t('portal.ticket.closed')} style={{ marginTop: 16 }} /> : <ReplyBox ticketId={ticketId} />}
    </>
  );
}

function ReplyBox({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const errors = useErrorText();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const [key, setKey] = useState(idempotencyKey);
  const attachments = useAttachments();
  const send = useMutation({
    mutationFn: () => portalApi.reply(ticketId, body.trim(), attachments.tokens, key),
    onSuccess: async () => {
      setBody('');
      setKey(idempotencyKey());
      attachments.clear();
      toast.success(t('portal.ticket.sent'));
      await queryClient.invalidateQueries({ queryKey: portalKeys.ticket(ticketId) });
      await queryClient.invalidateQueries({ queryKey: portalKeys.tickets() });
    },
  });
  return (
    <Card style={{ marginTop: 16 }}>
      {send.error ? <Alert type="error" showIcon role="alert" title={errors.describe(send.error)} style={{ marginBottom: 12 }} /> : null}
      <label htmlFor="portal-reply">
        <Typography.Text strong>{t('portal.ticket.reply')}</Typography.Text>
      </label>
      <Input.TextArea
        id="portal-reply"
        rows={4}
        value={body}
        maxLength={200_000}
        placeholder={t('portal.ticket.replyPlaceholder')}
        onChange={(e) => setBody(e.target.value)}
        style={{ margin: '8px 0' }}
      />
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <AttachmentPicker attachments={attachments} />
        <Button type="primary" disabled={!body.trim() || attachments.busy} loading={send.isPending} onClick={() => send.mutate()} data-testid="portal-send">
          {t('portal.ticket.send')}
        </Button>
      </Flex>
    </Card>
  );
}
