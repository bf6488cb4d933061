import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, useErrorText } from '../../lib/api';
import { usePeople } from '../../modules/people';
import { can, useSession } from '../../modules/session';
import { Conversation, ReplyBox, StatusSelect, StatusTag, TicketFields, useTicket, useTicketMessages } from '../../modules/tickets';
import { Alert, Card, ErrorAlert, Flex, Result, Skeleton, Typography } from '../../ui';

/** One ticket: its fields, the conversation, the reply box and the status. */
export function TicketDetailPage() {
  const { ticketId = '' } = useParams();
  const { t } = useTranslation();
  const errors = useErrorText();
  const session = useSession().data;
  const ticket = useTicket(ticketId);
  const messages = useTicketMessages(ticketId);
  const people = usePeople([
    ticket.data?.requester_id,
    ticket.data?.assignee_id,
    ...(messages.data ?? []).map((message) => message.author_id),
  ]);
  const nameOf = (id: string) => people.get(id)?.name;

  const back = (
    <Link to="/tickets">
      <ArrowLeftOutlined /> {t('ticket.backToList')}
    </Link>
  );

  if (ticket.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  }
  if (ticket.isError) {
    const missing = ticket.error instanceof ApiError && (ticket.error.status === 404 || ticket.error.status === 400);
    return missing ? (
      <Result status="404" title={t('ticket.notFound')} extra={back} />
    ) : (
      <Flex vertical gap={16}>
        {back}
        <ErrorAlert message={errors.describe(ticket.error)} onRetry={() => void ticket.refetch()} retryLabel={t('common.retry')} />
      </Flex>
    );
  }

  const data = ticket.data;
  const closed = data.status === 'closed';
  const role = session?.user.role;

  return (
    <Flex vertical gap={16}>
      {back}
      <Flex justify="space-between" align="center" gap={16} wrap>
        <Flex align="center" gap={12} style={{ minWidth: 0 }}>
          <Typography.Text type="secondary" style={{ fontSize: 18 }}>
            #{data.number}
          </Typography.Text>
          <Typography.Title level={3} style={{ margin: 0 }} ellipsis data-testid="ticket-subject">
            {data.subject}
          </Typography.Title>
          <StatusTag category={data.status} name={data.status_name} />
        </Flex>
        <StatusSelect ticket={data} readOnly={!can(role, 'tickets:update')} />
      </Flex>
      {closed && <Alert type="info" showIcon title={t('ticket.closed')} />}
      <Flex gap={16} align="flex-start" wrap>
        <Flex vertical gap={16} style={{ flex: '1 1 560px', minWidth: 0 }}>
          <Card title={t('ticket.conversation')} size="small">
            {messages.isPending ? (
              <Skeleton active />
            ) : messages.isError ? (
              <ErrorAlert message={errors.describe(messages.error)} onRetry={() => void messages.refetch()} retryLabel={t('common.retry')} />
            ) : (
              <Conversation messages={messages.data} nameOf={nameOf} />
            )}
          </Card>
          <ReplyBox
            ticketId={data.id}
            canReplyPublicly={can(role, 'tickets:reply')}
            canWriteNotes={can(role, 'tickets:note')}
            disabled={closed}
          />
        </Flex>
        <Card title={t('ticket.details')} size="small" style={{ flex: '0 1 320px', minWidth: 260 }}>
          <TicketFields ticket={data} nameOf={nameOf} />
        </Card>
      </Flex>
    </Flex>
  );
}
